import { describe, expect, it } from "vitest";
import { personnelChangeSchema } from "@/lib/hr/schemas";

const base = {
  userId: "4",
  effectiveDate: "2026-12-01",
  reason: "工作需要",
  toCommunityId: "",
  fromRole: "",
  toRole: "",
  toPosition: "",
};
const paths = (v: Record<string, unknown>) => {
  const r = personnelChangeSchema.safeParse({ ...base, ...v });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}:${i.message}`).sort();
};

describe("personnelChangeSchema", () => {
  it("needs what each kind changes", () => {
    expect(paths({ kind: "transfer" })).toEqual(["toCommunityId:validation.required"]);
    expect(paths({ kind: "role_change" })).toEqual(["fromRole:validation.required", "toRole:validation.required"]);
    expect(paths({ kind: "promotion" })).toEqual(["toPosition:validation.required"]);
    expect(paths({ kind: "exit" })).toEqual([]);
  });
  it("normalises the form's empty strings", () => {
    expect(
      personnelChangeSchema.parse({ ...base, kind: "promotion", toPosition: " 主管 ", toRole: "supervisor" }),
    ).toEqual({
      userId: 4,
      kind: "promotion",
      effectiveDate: "2026-12-01",
      reason: "工作需要",
      toCommunityId: null,
      fromRole: null,
      toRole: "supervisor",
      toPosition: "主管",
      successorUserId: null,
    });
  });
  it("a successor only goes with a transfer, and is never the person", () => {
    expect(
      personnelChangeSchema.parse({ ...base, kind: "transfer", toCommunityId: "7", successorUserId: "9" })
        .successorUserId,
    ).toBe(9);
    expect(personnelChangeSchema.parse({ ...base, kind: "exit", successorUserId: "9" }).successorUserId).toBeNull();
    expect(paths({ kind: "transfer", toCommunityId: "7", successorUserId: "4" })).toEqual([
      "successorUserId:hr.validation.successorInvalid",
    ]);
  });
  it("refuses a resident role, a bad date, a short reason", () => {
    expect(paths({ kind: "role_change", fromRole: "butler", toRole: "resident" })).toEqual([
      "toRole:validation.required",
    ]);
    expect(paths({ kind: "exit", effectiveDate: "2026-02-30", reason: "x" })).toEqual([
      "effectiveDate:hr.validation.date",
      "reason:hr.validation.reason",
    ]);
  });
});
