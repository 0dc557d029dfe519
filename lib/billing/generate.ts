import { eq, sql } from "drizzle-orm";
import { billingSettings } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Db, DbOrTx } from "@/lib/db/client";
import { generateContractBills } from "./contracts";
import { areaLineSql, dueDateOf, isPeriod, type Rounding } from "./rules";

export interface BillingSettings {
  billingDay: number;
  dueDay: number;
  rounding: Rounding;
}

export const DEFAULT_SETTINGS: BillingSettings = { billingDay: 1, dueDay: 15, rounding: "fen" };

export async function getBillingSettings(db: DbOrTx, companyId: number): Promise<BillingSettings> {
  const [row] = await db.select().from(billingSettings).where(eq(billingSettings.companyId, companyId));
  return row ? { billingDay: row.billingDay, dueDay: row.dueDay, rounding: row.rounding } : DEFAULT_SETTINGS;
}

/**
 * The lines every active household owes for one month, as SQL: per_area items on its
 * residential and commercial units (price × area, rounded), per_parking items on its
 * parking units, per_household items once, metered items for each of its units with a reading
 * for the month (consumption × price, rounded like per_area). Columns: household_id, fee_item_id, unit_id,
 * qty, price, amount.
 */
function lineSource(companyId: number, period: string, rounding: Rounding) {
  const amount = sql.raw(areaLineSql("fi.price_fen", "u.area_centi_m2", rounding));
  const metered = sql.raw(areaLineSql("fi.price_fen", "(mr.reading_centi - mr.previous_centi)", rounding));
  return sql`
    select hu.household_id, fi.id as fee_item_id, u.id as unit_id, u.area_centi_m2 as qty, fi.price_fen as price, ${amount} as amount
      from household_units hu
      join households h on h.id = hu.household_id and h.active = 1
      join units u on u.id = hu.unit_id and u.type in ('residential', 'commercial')
      join fee_items fi on fi.company_id = ${companyId} and fi.active = 1 and fi.kind = 'per_area'
     where hu.company_id = ${companyId}
    union all
    select hu.household_id, fi.id, u.id, 1, fi.price_fen, fi.price_fen
      from household_units hu
      join households h on h.id = hu.household_id and h.active = 1
      join units u on u.id = hu.unit_id and u.type = 'parking'
      join fee_items fi on fi.company_id = ${companyId} and fi.active = 1 and fi.kind = 'per_parking'
     where hu.company_id = ${companyId}
    union all
    select h.id, fi.id, null, 1, fi.price_fen, fi.price_fen
      from households h
      join fee_items fi on fi.company_id = ${companyId} and fi.active = 1 and fi.kind = 'per_household'
     where h.company_id = ${companyId} and h.active = 1
       and exists (select 1 from household_units hu where hu.household_id = h.id)
    union all
    select hu.household_id, fi.id, mr.unit_id, mr.reading_centi - mr.previous_centi, fi.price_fen, ${metered}
      from meter_readings mr
      join fee_items fi on fi.id = mr.fee_item_id and fi.company_id = ${companyId} and fi.active = 1 and fi.kind = 'metered'
      join household_units hu on hu.unit_id = mr.unit_id and hu.company_id = ${companyId}
      join households h on h.id = hu.household_id and h.active = 1
     where mr.company_id = ${companyId} and mr.period = ${period}`;
}

export interface GenerationResult {
  period: string;
  created: number;
  creditApplied: number;
  /** Contract (多种经营) bills created for the month. */
  contractBills: number;
}

/**
 * Generates every household's bill for `period` ("YYYY-MM") in a few set-based statements
 * inside one transaction. Idempotent: a household that already has a bill for the month
 * (unique household + period) gets nothing new. New bills are paid from credit at once.
 * Contract income bills (多种经营) for the month are created in the same transaction.
 */
export async function generateBills(db: Db, companyId: number, period: string, now = new Date()): Promise<GenerationResult> {
  if (!isPeriod(period)) throw AppError.field("period", "billing.errors.period");
  const settings = await getBillingSettings(db, companyId);
  const due = dueDateOf(period, settings.dueDay);
  const at = now.getTime();
  const src = lineSource(companyId, period, settings.rounding);
  return db.transaction(async (tx) => {
    const contractBills = await generateContractBills(tx, companyId, period, now);
    const inserted = await tx.run(sql`
      insert into bills (company_id, household_id, period, due_date, lines_fen, adjustment_fen, allocated_fen, voided, created_at)
      select ${companyId}, s.household_id, ${period}, ${due}, sum(s.amount), 0, 0, 0, ${at}
        from (${src}) s
       group by s.household_id
      having sum(s.amount) > 0
      on conflict (household_id, period) where kind = 'monthly' do nothing`);
    const created = inserted.rowsAffected;
    if (created === 0) return { period, created, creditApplied: 0, contractBills };
    await tx.run(sql`
      insert into bill_lines (company_id, bill_id, fee_item_id, unit_id, quantity, price_fen, amount_fen)
      select ${companyId}, b.id, s.fee_item_id, s.unit_id, s.qty, s.price, s.amount
        from (${src}) s
        join bills b on b.household_id = s.household_id and b.period = ${period} and b.kind = 'monthly' and b.created_at = ${at}
       where b.company_id = ${companyId}
         and not exists (select 1 from bill_lines l where l.bill_id = b.id)`);
    const applied = await applyCreditToPeriod(tx, companyId, period, at);
    return { period, created, creditApplied: applied, contractBills };
  });
}

/** Pays the period's open bills from each household's credit (set-based). Returns how many bills got credit. */
async function applyCreditToPeriod(tx: DbOrTx, companyId: number, period: string, at: number): Promise<number> {
  const [{ maxId }] = await tx.all<{ maxId: number }>(sql`select coalesce(max(id), 0) as maxId from allocations`);
  const ins = await tx.run(sql`
    insert into allocations (company_id, bill_id, payment_id, amount_fen, created_at)
    select ${companyId}, b.id, null, min(cb.bal, b.lines_fen + b.adjustment_fen - b.allocated_fen), ${at}
      from bills b
      join (select household_id, sum(amount_fen) as bal from credit_entries where company_id = ${companyId}
             group by household_id having sum(amount_fen) > 0) cb on cb.household_id = b.household_id
     where b.company_id = ${companyId} and b.period = ${period} and b.voided = 0
       and b.lines_fen + b.adjustment_fen - b.allocated_fen > 0`);
  if (ins.rowsAffected === 0) return 0;
  await tx.run(sql`
    insert into credit_entries (company_id, household_id, kind, amount_fen, payment_id, bill_id, created_at)
    select ${companyId}, b.household_id, 'applied', -a.amount_fen, null, a.bill_id, ${at}
      from allocations a join bills b on b.id = a.bill_id
     where a.id > ${maxId} and a.company_id = ${companyId}`);
  await tx.run(sql`
    update bills set allocated_fen = allocated_fen + (select sum(a.amount_fen) from allocations a where a.bill_id = bills.id and a.id > ${maxId})
     where id in (select bill_id from allocations where id > ${maxId} and company_id = ${companyId})`);
  return ins.rowsAffected;
}
