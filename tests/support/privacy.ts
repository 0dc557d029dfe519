import { eq, sql } from "drizzle-orm";
import { consentRecords, householdContacts, outboxMessages, workOrderComments, workOrders } from "@/db/schema";
import { generateBills } from "@/lib/billing/generate";
import { recordPayment } from "@/lib/flows/record-payment";
import { appendSentimentEntries } from "@/lib/crm/ledger/write";
import type { Db, DbOrTx } from "@/lib/db/client";
import { createBillingEstate } from "./billing";
import { createUser, linkResident, randomPhone } from "./fixtures";

/**
 * A company with billing history, a sentiment ledger and one resident (with a household contact
 * that is the same person, another contact that is not, a work order and a comment of theirs).
 */
export async function privacyWorld(db: Db) {
  const e = await createBillingEstate(db, 2);
  const { companyId } = e;
  const resident = await createUser(db, companyId, ["resident"], "隐私住户");
  const household = e.households[0];
  await linkResident(db, companyId, resident.id, household.id);
  await db.insert(consentRecords).values({ companyId, userId: resident.id, document: "privacy_notice", version: 1 });
  const [self] = await db
    .insert(householdContacts)
    .values({ companyId, householdId: household.id, name: resident.name, phone: resident.phone, isPrimary: true })
    .returning();
  const otherPhone = randomPhone();
  const [other] = await db
    .insert(householdContacts)
    .values({ companyId, householdId: household.id, name: "家人", phone: otherPhone })
    .returning();
  await generateBills(db, companyId, "2026-01");
  await generateBills(db, companyId, "2026-02");
  await recordPayment(db, {
    companyId,
    householdId: household.id,
    amountFen: 12_345,
    method: "cash",
    idempotencyKey: `p-${resident.id}`,
    actorUserId: e.finance.id,
  });
  await db.transaction((tx) =>
    appendSentimentEntries(tx, companyId, 100, [
      {
        householdId: household.id,
        occurredOn: "2026-01-10",
        rule: "correction",
        points: -10,
        dedupeKey: `pv-${resident.id}-1`,
        messageKey: "correction",
      },
      {
        householdId: household.id,
        occurredOn: "2026-02-10",
        rule: "correction",
        points: 5,
        dedupeKey: `pv-${resident.id}-2`,
        messageKey: "correction",
      },
    ]),
  );
  const [order] = await db
    .insert(workOrders)
    .values({
      companyId,
      type: "complaint",
      source: "resident",
      householdId: household.id,
      description: "楼上噪音，电话 13900001111",
      createdByUserId: resident.id,
    })
    .returning();
  await db
    .insert(workOrderComments)
    .values({ companyId, workOrderId: order.id, authorUserId: resident.id, body: "我是隐私住户，请回电" });
  const message = (to: string, status: "queued" | "sent", key: string) => ({
    companyId,
    channel: "sms" as const,
    to,
    templateKey: "notice",
    locale: "zh-CN",
    params: { name: resident.name },
    status,
    nextAttemptAt: new Date(),
    idempotencyKey: `pv-${key}-${resident.id}-${to}`,
  });
  const messages = await db
    .insert(outboxMessages)
    .values([
      message(resident.phone!, "queued", "q"),
      message(resident.phone!, "sent", "s"),
      message(otherPhone, "queued", "o"),
    ])
    .returning({ id: outboxMessages.id });
  return { ...e, resident, household, contacts: { self, other }, order, messages: messages.map((m) => m.id) };
}

/** Money and score totals of a company: must not change when a resident is anonymized. */
export async function moneyTotals(db: DbOrTx, companyId: number) {
  const one = async (q: ReturnType<typeof sql>) => (await db.all<Record<string, number>>(q))[0];
  return {
    bills: await one(
      sql`SELECT count(*) AS n, coalesce(sum(lines_fen), 0) AS fen, coalesce(sum(allocated_fen), 0) AS allocated FROM bills WHERE company_id = ${companyId}`,
    ),
    lines: await one(
      sql`SELECT count(*) AS n, coalesce(sum(amount_fen), 0) AS fen FROM bill_lines WHERE company_id = ${companyId}`,
    ),
    payments: await one(
      sql`SELECT count(*) AS n, coalesce(sum(amount_fen), 0) AS fen, group_concat(receipt_no) AS receipts FROM payments WHERE company_id = ${companyId}`,
    ),
    allocations: await one(
      sql`SELECT count(*) AS n, coalesce(sum(amount_fen), 0) AS fen FROM allocations WHERE company_id = ${companyId}`,
    ),
    credit: await one(
      sql`SELECT count(*) AS n, coalesce(sum(amount_fen), 0) AS fen FROM credit_entries WHERE company_id = ${companyId}`,
    ),
    sentiment: await one(
      sql`SELECT count(*) AS n, coalesce(sum(points), 0) AS points FROM sentiment_entries WHERE company_id = ${companyId}`,
    ),
  };
}

export async function contactOf(db: DbOrTx, id: number) {
  return (await db.select().from(householdContacts).where(eq(householdContacts.id, id)))[0];
}
