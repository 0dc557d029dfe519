import { describe, expect, it } from "vitest";
import { chunk } from "@/lib/db/chunk";

describe("chunk", () => {
  it("splits rows into runs of at most the size, in order", () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([1, 2, 3], 3)).toEqual([[1, 2, 3]]);
    expect(chunk([], 400)).toEqual([]);
  });
  it("refuses a size that would never finish", () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
    expect(() => chunk([1], 1.5)).toThrow(RangeError);
  });
});
