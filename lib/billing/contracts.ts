import { and, eq, sql } from "drizzle-orm";
import {
  communities,
  contractAllocations,
  contractBills,
  contractCustomers,
  contractPayments,
  contracts,
} from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { getBillingSettings } from "./pricing";
import { nextReceiptNo, type PaymentMethod } from "./payments";
import { allocate, dueDateOf, MAX_PAYMENT_FEN } from "./rules";
import { isMonth } from "@/lib/time/calendar";
import type { Actor } from "@/lib/auth/actor";

/** 多种经营 (contract income): customers, contracts, monthly contract bills and their payments. */

export async function createContractCustomer(
  db: Db,
  actor: Actor,
  input: { name: string; contact?: string; phone?: string },
) {
  try {
    const [row] = await db
      .insert(contractCustomers)
      .values({
        companyId: actor.companyId,
        name: input.name,
        contact: input.contact || null,
        phone: input.phone || null,
      })
      .returning();
    await writeAudit(db, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "contract_customer.create",
      entity: "contract_customer",
      entityId: row.id,
      after: row,
    });
    return row;
  } catch (e) {
    if (isUniqueViolation(e)) throw AppError.field("name", "validation.nameTaken", "conflict");
    throw e;
  }
}

export async function createContract(
  db: Db,
  actor: Actor,
  input: {
    customerId: number;
    communityId: number;
    description: string;
    monthlyFen: number;
    startMonth: string;
    endMonth: string;
  },
) {
  const { companyId } = actor;
  if (!isMonth(input.startMonth)) throw AppError.field("startMonth", "billing.errors.period");
  if (!isMonth(input.endMonth) || input.endMonth < input.startMonth)
    throw AppError.field("endMonth", "billing.errors.endMonth");
  if (!Number.isSafeInteger(input.monthlyFen) || input.monthlyFen <= 0)
    throw AppError.field("monthly", "billing.errors.amount");
  return db.transaction(async (tx) => {
    const [customer] = await tx
      .select({ id: contractCustomers.id })
      .from(contractCustomers)
      .where(and(eq(contractCustomers.companyId, companyId), eq(contractCustomers.id, input.customerId)));
    const [community] = await tx
      .select({ id: communities.id })
      .from(communities)
      .where(and(eq(communities.companyId, companyId), eq(communities.id, input.communityId)));
    if (!customer || !community) throw new AppError("not_found");
    const [row] = await tx
      .insert(contracts)
      .values({ companyId, ...input })
      .returning();
    await writeAudit(tx, {
      companyId,
      actorUserId: actor.userId,
      action: "contract.create",
      entity: "contract",
      entityId: row.id,
      after: row,
    });
    return row;
  });
}

/**
 * One bill per contract running in `period` (start ≤ period ≤ end), due on the company's due
 * day. Idempotent: unique contract + period, a second run creates nothing.
 */
export async function generateContractBills(
  db: DbOrTx,
  companyId: number,
  period: string,
  now = new Date(),
): Promise<number> {
  if (!isMonth(period)) throw AppError.field("period", "billing.errors.period");
  const settings = await getBillingSettings(db, companyId);
  const due = dueDateOf(period, settings.dueDay);
  const res = await db.run(sql`
    insert into contract_bills (company_id, contract_id, customer_id, period, due_date, amount_fen, allocated_fen, created_at)
    select ${companyId}, c.id, c.customer_id, ${period}, ${due}, c.monthly_fen, 0, ${now.getTime()}
      from contracts c
     where c.company_id = ${companyId} and c.start_month <= ${period} and c.end_month >= ${period}
    on conflict (contract_id, period) do nothing`);
  return res.rowsAffected;
}

export interface ContractPaymentInput {
  customerId: number;
  amountFen: number;
  method: PaymentMethod;
  idempotencyKey: string;
  note?: string | null;
  timeZone?: string;
  now?: Date;
}

/** The payment already recorded under the key; the same key with another customer, amount or method is a conflict. */
async function findByKey(db: DbOrTx, companyId: number, input: ContractPaymentInput) {
  const [row] = await db
    .select()
    .from(contractPayments)
    .where(and(eq(contractPayments.companyId, companyId), eq(contractPayments.idempotencyKey, input.idempotencyKey)));
  if (row && (row.customerId !== input.customerId || row.amountFen !== input.amountFen || row.method !== input.method))
    throw new AppError("conflict", "errors.conflict", { _form: ["billing.errors.idempotencyMismatch"] });
  return row;
}

/**
 * A contract customer's payment at the cashier: the company's next receipt number (shared,
 * gapless), allocated to the customer's open contract bills oldest first (the same rule as
 * household payments). Customers hold no credit: more than they owe is a field error.
 */
export async function recordContractPayment(db: Db, actor: Actor, input: ContractPaymentInput) {
  const { companyId } = actor;
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
    throw AppError.field("amount", "billing.errors.amount");
  if (input.amountFen > MAX_PAYMENT_FEN) throw AppError.field("amount", "billing.errors.amountTooLarge");
  const earlier = await findByKey(db, companyId, input);
  if (earlier) return { payment: earlier, created: false };
  const now = input.now ?? new Date();
  try {
    return await db.transaction(async (tx) => {
      const [customer] = await tx
        .select({ id: contractCustomers.id })
        .from(contractCustomers)
        .where(and(eq(contractCustomers.companyId, companyId), eq(contractCustomers.id, input.customerId)));
      if (!customer) throw new AppError("not_found");
      const open = await tx
        .select({
          id: contractBills.id,
          period: contractBills.period,
          outstandingFen: sql<number>`${contractBills.amountFen} - ${contractBills.allocatedFen}`,
        })
        .from(contractBills)
        .where(
          and(
            eq(contractBills.companyId, companyId),
            eq(contractBills.customerId, input.customerId),
            sql`${contractBills.allocatedFen} < ${contractBills.amountFen}`,
          ),
        );
      const plan = allocate(input.amountFen, open);
      if (plan.creditFen > 0) throw AppError.field("amount", "billing.errors.overpay");
      const receiptNo = await nextReceiptNo(tx, companyId, now, input.timeZone);
      const [payment] = await tx
        .insert(contractPayments)
        .values({
          companyId,
          customerId: input.customerId,
          method: input.method,
          amountFen: input.amountFen,
          receiptNo,
          idempotencyKey: input.idempotencyKey,
          actorUserId: actor.userId,
          note: input.note ?? null,
          receivedAt: now,
        })
        .returning();
      for (const a of plan.allocations) {
        const res = await tx.run(sql`update contract_bills set allocated_fen = allocated_fen + ${a.amountFen}
          where id = ${a.billId} and allocated_fen + ${a.amountFen} <= amount_fen`);
        if (res.rowsAffected !== 1) throw new AppError("conflict");
      }
      await tx.insert(contractAllocations).values(
        plan.allocations.map((a) => ({
          companyId,
          contractBillId: a.billId,
          contractPaymentId: payment.id,
          amountFen: a.amountFen,
          createdAt: now,
        })),
      );
      await writeAudit(tx, {
        companyId,
        actorUserId: actor.userId,
        action: "contract_payment.record",
        entity: "contract_payment",
        entityId: payment.id,
        after: { receiptNo, amountFen: payment.amountFen, method: payment.method, customerId: payment.customerId },
      });
      return { payment, created: true };
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      const winner = await findByKey(db, companyId, input);
      if (winner) return { payment: winner, created: false };
    }
    throw e;
  }
}
