import { describe, expect, it } from "vitest";
import { billDisputesOnly } from "@/lib/crm/disputes/access";
import { fileDisputeSchema, legalConfirmationSchema, resolveDisputeSchema } from "@/lib/crm/disputes/schemas";

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]);

describe("dispute inputs", () => {
  it("a dispute needs a subject, a target and a reason", () => {
    expect(fileDisputeSchema.parse({ subject: "notice", targetId: "12", reason: " 已交费 " })).toEqual({
      subject: "notice",
      targetId: 12,
      reason: "已交费",
    });
    expect(issues(fileDisputeSchema.safeParse({ subject: "other", targetId: "0", reason: "  " }))).toEqual([
      ["subject", "validation.required"],
      ["targetId", "validation.required"],
      ["reason", "validation.required"],
    ]);
  });

  it("a resolution: outcome and reason; a discount in yuan only with an upheld outcome", () => {
    expect(resolveDisputeSchema.parse({ id: "3", outcome: "upheld", reason: "停水减免", discount: "12.50" })).toEqual({
      id: 3,
      outcome: "upheld",
      reason: "停水减免",
      discount: 1250,
    });
    expect(
      resolveDisputeSchema.parse({ id: "3", outcome: "rejected", reason: "无误", discount: "" }).discount,
    ).toBeUndefined();
    expect(
      issues(resolveDisputeSchema.safeParse({ id: "3", outcome: "rejected", reason: "无误", discount: "5" })),
    ).toEqual([["discount", "arrears.disputes.errors.discountOnlyUpheld"]]);
    expect(issues(resolveDisputeSchema.safeParse({ id: "3", outcome: "upheld", reason: "x", discount: "-5" }))).toEqual(
      [["discount", "billing.errors.amount"]],
    );
  });

  it("the legal confirmation setting is on or off", () => {
    expect(legalConfirmationSchema.parse({ legalConfirmation: "on" })).toEqual({ legalConfirmation: true });
    expect(legalConfirmationSchema.parse({ legalConfirmation: "off" })).toEqual({ legalConfirmation: false });
    expect(legalConfirmationSchema.safeParse({ legalConfirmation: "maybe" }).success).toBe(false);
  });

  it("finance alone sees bill disputes only; with another dispute role, all", () => {
    expect(billDisputesOnly(["finance"])).toBe(true);
    expect(billDisputesOnly(["finance", "legal"])).toBe(false);
    expect(billDisputesOnly(["butler"])).toBe(false);
  });
});
