import { describe, expect, it } from "vitest";
import { BILLING_ROLES, BILLING_SETTINGS_ROLES, CORRECTION_ROLES } from "@/lib/billing/access";
import {
  adjustSchema,
  cashierPaymentSchema,
  checkoutSchema,
  generateSchema,
  refundSchema,
} from "@/lib/billing/schemas";
import { sandboxProvider, signSandbox } from "@/lib/billing/providers/sandbox";

const uuid = "6f1d3c56-3f4b-4b8e-9a55-1f3f2f8f9d10";

describe("billing schemas", () => {
  it("cashier amounts: positive, at most two decimals, into fen", () => {
    const ok = cashierPaymentSchema.parse({ householdId: "12", amount: "100.5", method: "cash", idempotencyKey: uuid });
    expect(ok).toMatchObject({ householdId: 12, amount: 10050, method: "cash" });
    for (const amount of ["0", "-1", "1.005", "abc", ""]) {
      const r = cashierPaymentSchema.safeParse({ householdId: 1, amount, method: "cash", idempotencyKey: uuid });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0].message).toBe("billing.errors.amount");
    }
  });
  it("the desk cannot record an 'online' payment and needs an idempotency key", () => {
    expect(
      cashierPaymentSchema.safeParse({ householdId: 1, amount: "1", method: "online", idempotencyKey: uuid }).success,
    ).toBe(false);
    expect(
      cashierPaymentSchema.safeParse({ householdId: 1, amount: "1", method: "cash", idempotencyKey: "x" }).success,
    ).toBe(false);
  });
  it("adjustments are signed and non-zero; refunds and voids need a reason", () => {
    expect(adjustSchema.parse({ billId: 1, amount: "-10.50", reason: "减免" }).amount).toBe(-1050);
    expect(adjustSchema.parse({ billId: 1, amount: "+3", reason: "补收" }).amount).toBe(300);
    expect(adjustSchema.safeParse({ billId: 1, amount: "0", reason: "减免" }).success).toBe(false);
    expect(refundSchema.safeParse({ paymentId: 1, amount: "1", reason: " " }).error?.issues[0].message).toBe(
      "billing.errors.reason",
    );
  });
  it("checkout months ahead 0–36, months as YYYY-MM", () => {
    expect(checkoutSchema.safeParse({ householdId: 1, billIds: [], aheadMonths: 37 }).success).toBe(false);
    expect(checkoutSchema.parse({ householdId: 1, billIds: ["3"], aheadMonths: "12" })).toEqual({
      householdId: 1,
      billIds: [3],
      aheadMonths: 12,
    });
    expect(generateSchema.safeParse({ period: "2026-1" }).success).toBe(false);
  });
  it("money roles: finance and admin; corrections finance only; fee items admin", () => {
    expect([...BILLING_ROLES].sort()).toEqual(["admin", "finance"]);
    expect(CORRECTION_ROLES).toEqual(["finance"]);
    expect(BILLING_SETTINGS_ROLES).toEqual(["admin"]);
  });
});

describe("sandbox webhook signature", () => {
  const provider = sandboxProvider("s".repeat(32));
  const body = JSON.stringify({ sessionId: uuid, status: "paid", eventId: "e1" });
  it("accepts the right HMAC and refuses anything else", () => {
    expect(provider.verifyWebhook(body, signSandbox(body, "s".repeat(32)))).toEqual({
      sessionId: uuid,
      status: "paid",
      eventId: "e1",
    });
    expect(provider.verifyWebhook(body, signSandbox(body, "t".repeat(32)))).toBeNull();
    expect(provider.verifyWebhook(body, "abc")).toBeNull();
    expect(provider.verifyWebhook(body, null)).toBeNull();
    const bad = JSON.stringify({ sessionId: uuid, status: "refunded", eventId: "e1" });
    expect(provider.verifyWebhook(bad, signSandbox(bad, "s".repeat(32)))).toBeNull();
  });
});
