import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  checkoutSessions,
  creditEntries,
  feeItems,
  goldBadges,
  outboxMessages,
  payments,
  receiptCounters,
  sentimentEntries,
} from "@/db/schema";
import { createCheckout } from "@/lib/billing/checkout";
import { sandboxProvider, sandboxSecret, signSandbox } from "@/lib/billing/providers/sandbox";
import type { Db } from "@/lib/db/client";
import { handleWebhook } from "@/lib/flows/checkout-webhook";
import { createTestDb } from "../support/test-db";
import { ticketWorld } from "../support/tickets";

const SECRET = sandboxSecret({ PAYMENT_SANDBOX_SECRET: "atomic-webhook-secret-0123456789" });
const provider = sandboxProvider(SECRET);

describe("the payment webhook is one transaction (SPEC §11)", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("a failure after the payment's rows leaves no payment, allocation, credit, receipt number, e-mail, gold badge or paid checkout; the redelivery pays once", async () => {
    const w = await ticketWorld(db, { techs: [] });
    await db
      .insert(feeItems)
      .values({ companyId: w.companyId, name: "物业费", kind: "per_household", priceFen: 20_000 });
    const household = w.estate.households[0].id;
    // 12 months ahead: the payment also earns the gold badge (CRM-EW), in the same transaction.
    const session = await createCheckout(
      db,
      { companyId: w.companyId, userId: w.resident.id },
      { householdId: household, billIds: [], aheadMonths: 12 },
    );
    const body = JSON.stringify({ sessionId: session.id, status: "paid", eventId: `evt-${session.id}` });
    const sig = signSandbox(body, SECRET);

    const state = async () => ({
      payments: await db.$count(payments, eq(payments.companyId, w.companyId)),
      credit: await db.$count(creditEntries, eq(creditEntries.companyId, w.companyId)),
      counters: (
        await db
          .select({ last: receiptCounters.last })
          .from(receiptCounters)
          .where(eq(receiptCounters.companyId, w.companyId))
      ).map((r) => r.last),
      receipts: await db.$count(
        outboxMessages,
        and(eq(outboxMessages.companyId, w.companyId), like(outboxMessages.idempotencyKey, "receipt:%")),
      ),
      gold: await db.$count(goldBadges, eq(goldBadges.householdId, household)),
      goldEntries: await db.$count(
        sentimentEntries,
        and(eq(sentimentEntries.householdId, household), eq(sentimentEntries.rule, "gold_badge")),
      ),
      checkout: (
        await db
          .select({ s: checkoutSessions.status, p: checkoutSessions.paymentId })
          .from(checkoutSessions)
          .where(eq(checkoutSessions.id, session.id))
      )[0],
    });
    const before = await state();
    expect(before).toMatchObject({ payments: 0, credit: 0, gold: 0, checkout: { s: "open", p: null } });

    const fault = async () => {
      throw new Error("database went away");
    };
    await expect(handleWebhook(db, provider, body, sig, fault)).rejects.toThrow("database went away");
    expect(await state()).toEqual(before);

    // The provider redelivers: everything commits together, with the receipt number the failed attempt did not use.
    const paid = await handleWebhook(db, provider, body, sig);
    expect(paid).toMatchObject({ status: 200, created: true, companyId: w.companyId });
    const after = await state();
    expect(after).toMatchObject({
      payments: 1,
      credit: 1,
      counters: [1],
      gold: 1,
      goldEntries: 1,
      checkout: { s: "paid", p: paid.paymentId },
    });
    expect(after.receipts).toBeGreaterThan(0);
    const [payment] = await db.select().from(payments).where(eq(payments.id, paid.paymentId!));
    expect(payment.receiptNo).toMatch(/-000001$/);

    // And again: the same payment, nothing more.
    expect(await handleWebhook(db, provider, body, sig)).toMatchObject({
      status: 200,
      created: false,
      paymentId: paid.paymentId,
    });
    expect(await state()).toEqual(after);
  });

  it("a checkout left open by an earlier release's half-written webhook is marked paid by the redelivery, without a second payment", async () => {
    const w = await ticketWorld(db, { techs: [] });
    await db
      .insert(feeItems)
      .values({ companyId: w.companyId, name: "物业费", kind: "per_household", priceFen: 10_000 });
    const household = w.estate.households[0].id;
    const session = await createCheckout(
      db,
      { companyId: w.companyId, userId: w.resident.id },
      { householdId: household, billIds: [], aheadMonths: 1 },
    );
    const body = JSON.stringify({ sessionId: session.id, status: "paid", eventId: `evt-${session.id}` });
    const first = await handleWebhook(db, provider, body, signSandbox(body, SECRET));
    // Simulate the old two-step failure: the payment exists, the checkout is still open.
    await db
      .update(checkoutSessions)
      .set({ status: "open", paymentId: null })
      .where(eq(checkoutSessions.id, session.id));
    expect(await handleWebhook(db, provider, body, signSandbox(body, SECRET))).toMatchObject({
      status: 200,
      created: false,
      paymentId: first.paymentId,
    });
    const [s] = await db.select().from(checkoutSessions).where(eq(checkoutSessions.id, session.id));
    expect(s).toMatchObject({ status: "paid", paymentId: first.paymentId });
    expect(await db.$count(payments, eq(payments.companyId, w.companyId))).toBe(1);
  });
});
