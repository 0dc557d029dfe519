import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { bills, checkoutSessions, creditEntries, payments } from "@/db/schema";
import { createCheckout, getCheckout } from "@/lib/billing/checkout";
import { handleWebhook } from "@/lib/flows/checkout-webhook";
import { generateBills } from "@/lib/billing/generate";
import { recordPayment } from "@/lib/flows/record-payment";
import { sandboxProvider, sandboxSecret, signSandbox } from "@/lib/billing/providers/sandbox";
import { openDb, type Db } from "@/lib/db/client";
import { createBillingEstate } from "../support/billing";
import { createUser, linkResident } from "../support/fixtures";
import { testDbMode } from "../support/sqld";
import { createTestDb } from "../support/test-db";

const SECRET = sandboxSecret({ NEXTAUTH_SECRET: "test-nextauth-secret-0123456789" });
const provider = sandboxProvider(SECRET);
const event = (sessionId: string, status: "paid" | "cancelled" = "paid") =>
  JSON.stringify({ sessionId, status, eventId: `evt-${sessionId}` });

async function residentEstate(db: Db) {
  const e = await createBillingEstate(db, 2);
  const resident = await createUser(db, e.companyId, ["resident"], "业主");
  await linkResident(db, e.companyId, resident.id, e.households[0].id);
  await generateBills(db, e.companyId, "2026-01");
  await generateBills(db, e.companyId, "2026-02");
  const mine = await db.select().from(bills).where(eq(bills.householdId, e.households[0].id));
  const theirs = await db.select().from(bills).where(eq(bills.householdId, e.households[1].id));
  return { ...e, resident, mine, theirs, ctx: { companyId: e.companyId, userId: resident.id } };
}

describe("sandbox checkout and webhook", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("the secret is derived from NEXTAUTH_SECRET unless set, and never equals it", () => {
    expect(sandboxSecret({ PAYMENT_SANDBOX_SECRET: "explicit-secret-123456" })).toBe("explicit-secret-123456");
    expect(SECRET).not.toContain("test-nextauth-secret");
    expect(() => sandboxSecret({})).toThrow();
  });

  it("a paid webhook records one payment; replaying it 100 times credits nothing more", async () => {
    const e = await residentEstate(db);
    const jan = e.mine.find((b) => b.period === "2026-01")!;
    const session = await createCheckout(db, e.ctx, {
      householdId: e.households[0].id,
      billIds: [jan.id],
      aheadMonths: 0,
    });
    expect(session.amountFen).toBe(jan.linesFen);
    const body = event(session.id);
    const sig = signSandbox(body, SECRET);
    const first = await handleWebhook(db, provider, body, sig);
    expect(first).toMatchObject({ status: 200, created: true });
    const replays = await Promise.all(Array.from({ length: 100 }, () => handleWebhook(db, provider, body, sig)));
    expect(replays.every((r) => r.status === 200 && r.created === false && r.paymentId === first.paymentId)).toBe(true);
    expect(await db.$count(payments, eq(payments.householdId, e.households[0].id))).toBe(1);
    const [paid] = await db.select().from(bills).where(eq(bills.id, jan.id));
    expect(paid.allocatedFen).toBe(jan.linesFen);
    const [s] = await db.select().from(checkoutSessions).where(eq(checkoutSessions.id, session.id));
    expect(s.status).toBe("paid");
  });

  it("a bad or missing signature is 401 and writes nothing", async () => {
    const e = await residentEstate(db);
    const session = await createCheckout(db, e.ctx, { householdId: e.households[0].id, billIds: [], aheadMonths: 2 });
    const body = event(session.id);
    expect((await handleWebhook(db, provider, body, null)).status).toBe(401);
    expect((await handleWebhook(db, provider, body, "0".repeat(64))).status).toBe(401);
    expect((await handleWebhook(db, provider, body, signSandbox(body, "another-secret-value"))).status).toBe(401);
    expect((await handleWebhook(db, provider, body.replace("paid", "paid "), signSandbox(body, SECRET))).status).toBe(
      401,
    );
    expect(await db.$count(payments, eq(payments.householdId, e.households[0].id))).toBe(0);
  });

  it("paying ahead N months holds the money as credit after the open bills", async () => {
    const e = await residentEstate(db);
    const owed = e.mine.reduce((s, b) => s + b.linesFen, 0);
    const session = await createCheckout(db, e.ctx, {
      householdId: e.households[0].id,
      billIds: e.mine.map((b) => b.id),
      aheadMonths: 12,
    });
    const monthly = e.mine[0].linesFen;
    expect(session.amountFen).toBe(owed + 12 * monthly);
    const body = event(session.id);
    await handleWebhook(db, provider, body, signSandbox(body, SECRET));
    const [c] = await db
      .select({ n: sql<number>`sum(${creditEntries.amountFen})` })
      .from(creditEntries)
      .where(eq(creditEntries.householdId, e.households[0].id));
    expect(Number(c.n)).toBe(12 * monthly);
  });

  it("a resident cannot open a checkout for another household or its bills (not_found, nothing written)", async () => {
    const e = await residentEstate(db);
    await expect(
      createCheckout(db, e.ctx, { householdId: e.households[1].id, billIds: [], aheadMonths: 1 }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      createCheckout(db, e.ctx, { householdId: e.households[0].id, billIds: [e.theirs[0].id], aheadMonths: 0 }),
    ).rejects.toMatchObject({ code: "not_found" });
    const stranger = await createUser(db, e.companyId, ["resident"], "陌生人");
    await expect(
      createCheckout(
        db,
        { companyId: e.companyId, userId: stranger.id },
        { householdId: e.households[0].id, billIds: [], aheadMonths: 1 },
      ),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      createCheckout(db, e.ctx, { householdId: e.households[0].id, billIds: [], aheadMonths: 0 }),
    ).rejects.toMatchObject({ code: "validation" });
    expect(await db.$count(checkoutSessions, eq(checkoutSessions.companyId, e.companyId))).toBe(0);
    // a session is only ever visible to the resident who opened it
    const mine = await createCheckout(db, e.ctx, { householdId: e.households[0].id, billIds: [], aheadMonths: 1 });
    expect(await getCheckout(db, e.companyId, stranger.id, mine.id)).toBeNull();
    expect(await getCheckout(db, e.companyId + 1, e.resident.id, mine.id)).toBeNull();
    expect((await getCheckout(db, e.companyId, e.resident.id, mine.id))?.amountFen).toBe(mine.amountFen);
  });

  it("a cancelled checkout cannot be paid afterwards", async () => {
    const e = await residentEstate(db);
    const session = await createCheckout(db, e.ctx, {
      householdId: e.households[0].id,
      billIds: [e.mine[0].id],
      aheadMonths: 0,
    });
    const cancel = event(session.id, "cancelled");
    expect((await handleWebhook(db, provider, cancel, signSandbox(cancel, SECRET))).status).toBe(200);
    const paid = event(session.id);
    expect((await handleWebhook(db, provider, paid, signSandbox(paid, SECRET))).status).toBe(400);
    expect(await db.$count(payments, eq(payments.householdId, e.households[0].id))).toBe(0);
  });

  it("two processes paying the same bill at once (separate connections) never over-allocate", async () => {
    const e = await residentEstate(db);
    const bill = e.mine[0];
    // Remote mode: two clients with their own write queues, as two app servers would be; the
    // server's transactions and the conditional update are all that protect the bill.
    // File mode: one process shares one queue (as the app does).
    const other = testDbMode() === "remote" ? openDb(inject("sqldUrl")) : null;
    const dbs = [db, other?.db ?? db];
    try {
      await Promise.all(
        dbs.flatMap((d, i) =>
          [0, 1].map((j) =>
            recordPayment(d, {
              companyId: e.companyId,
              householdId: e.households[0].id,
              amountFen: bill.linesFen,
              method: "pos",
              idempotencyKey: `c-${bill.id}-${i}-${j}`,
              actorUserId: e.finance.id,
              billIds: [bill.id],
            }),
          ),
        ),
      );
    } finally {
      other?.client.close();
    }
    const [after] = await db.select().from(bills).where(eq(bills.id, bill.id));
    expect(after.allocatedFen).toBe(bill.linesFen);
    const total = await db
      .select({ n: sql<number>`sum(${payments.amountFen})` })
      .from(payments)
      .where(and(eq(payments.companyId, e.companyId)));
    const [c] = await db
      .select({ n: sql<number>`sum(${creditEntries.amountFen})` })
      .from(creditEntries)
      .where(eq(creditEntries.householdId, e.households[0].id));
    const [alloc] = await db
      .select({ n: sql<number>`sum(${bills.allocatedFen})` })
      .from(bills)
      .where(eq(bills.householdId, e.households[0].id));
    expect(Number(total[0].n)).toBe(Number(c.n) + Number(alloc.n)); // every fen is somewhere, once
    const receipts = await db
      .select({ no: payments.receiptNo })
      .from(payments)
      .where(eq(payments.companyId, e.companyId));
    expect(new Set(receipts.map((r) => r.no)).size).toBe(4);
  });
});
