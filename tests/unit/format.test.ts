import { describe, expect, it } from "vitest";
import { formatArea, formatFen } from "@/lib/i18n/format";

describe("money and area formatting", () => {
  it("formats integer fen exactly, in both locales", () => {
    expect(formatFen(123456, "zh-CN")).toBe("¥1,234.56");
    expect(formatFen(5, "en")).toBe("CN¥0.05");
    expect(formatFen(-1999, "zh-CN")).toBe("-¥19.99");
  });

  it("keeps every fen of amounts beyond float precision", () => {
    expect(formatFen(900719925474099301n, "zh-CN")).toBe("¥9,007,199,254,740,993.01");
  });

  it("formats areas stored in hundredths of m²", () => {
    expect(formatArea(8935, "zh-CN")).toBe("89.35 m²");
    expect(formatArea(12000, "en")).toBe("120.00 m²");
  });
});
