import { describe, expect, it } from "vitest";
import { auditChanges, auditValue } from "@/components/tenancy/audit-change";

describe("audit entries read as changes", () => {
  it("lists only the changed fields, money in yuan", () => {
    expect(
      auditChanges({ amountFen: 12345, title: "电梯", n: 1 }, { amountFen: 20000, title: "电梯", n: 2 }, "zh-CN"),
    ).toEqual([
      { field: "amountFen", before: "¥123.45", after: "¥200.00" },
      { field: "n", before: "1", after: "2" },
    ]);
  });

  it("a creation lists what it set; a removal what it had; nothing reads as a dash", () => {
    expect(auditChanges(null, { butlerUserId: 7, note: null }, "zh-CN")).toEqual([
      { field: "butlerUserId", before: null, after: "7" },
      { field: "note", before: null, after: "—" },
    ]);
    expect(auditChanges({ roles: ["admin", "butler"] }, null, "en")).toEqual([
      { field: "roles", before: "admin, butler", after: null },
    ]);
  });

  it("formats values", () => {
    expect(auditValue("active", true, "en")).toBe("✓");
    expect(auditValue("priceFen", 0, "zh-CN")).toBe("¥0.00");
    expect(auditValue("x", "", "en")).toBe("—");
  });
});
