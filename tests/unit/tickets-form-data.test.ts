import { describe, expect, it } from "vitest";
import { fieldsOf, filesOf } from "@/lib/actions/form-data";
import { residentRequestSchema, resolveSchema } from "@/lib/tickets/schemas";

describe("FormData → schema input", () => {
  it("takes single fields as strings, listed ones as arrays, and files apart", () => {
    const fd = new FormData();
    fd.set("id", "12");
    fd.append("checklistDone", "0");
    fd.append("checklistDone", "2");
    fd.append("photos", new File([new Uint8Array([1, 2, 3])], "a.png", { type: "image/png" }));
    fd.append("photos", new File([], "", { type: "application/octet-stream" }));
    expect(fieldsOf(fd, ["checklistDone", "missing"])).toEqual({ id: "12", checklistDone: ["0", "2"], missing: [] });
    expect(filesOf(fd).map((f) => f.name)).toEqual(["a.png"]);
    expect(resolveSchema.parse(fieldsOf(fd, ["checklistDone"]))).toEqual({
      id: 12,
      note: undefined,
      checklistDone: [0, 2],
    });
  });
  it("an empty description and a foreign type are refused with message keys", () => {
    const r = residentRequestSchema.safeParse({ type: "maintenance", unitId: "3", description: "   " });
    expect(r.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["type", "validation.required"],
      ["description", "validation.required"],
    ]);
  });
});
