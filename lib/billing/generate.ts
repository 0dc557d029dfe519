import { sql } from "drizzle-orm";
import { AppError } from "@/lib/actions/result";
import type { Db, DbOrTx } from "@/lib/db/client";
import { generateContractBills } from "./contracts";
import { generateDeveloperBills } from "./developer";
import { billedDaysSql, monthBounds, OPEN_END, overlapDaysSql, proratedSql } from "./proration";
import { dueDateOf } from "./rules";
import { getBillingSettings, pricesInForce, type BillingSettings } from "./pricing";
import { isMonth } from "@/lib/time/calendar";

/**
 * The lines owed for one month, as SQL (SPEC §4 "Time"). `held`: every household–unit period
 * overlapping the month with the days billed to it (by days, or the whole month when held on
 * the billing day) and, of those, the days in the unit's vacant and fee-free periods; `px`:
 * each active fee item's price in force in the month (its latest price period starting by
 * then; an item without any price period is billed at its price). per_area items on
 * residential and commercial units (price × area × paying days / month days, rounded; vacant
 * days on a line of their own at the vacancy rate), per_parking items on parking units,
 * per_household items once per household (for the most paying days of any unit it held),
 * metered items for each unit with a reading for the month, billed to its holder at the end
 * of the month (or its last holder in the month). Fee-free days bill nothing; developer-paid
 * days bill nothing to the holder (the developer is billed for them: ./developer.ts). A part month
 * carries its reason (prorated, vacancy) as a message key + JSON parameters.
 * Columns: household_id, fee_item_id, unit_id, qty, price, amount, reason_key, reason_params.
 */
function lineSource(
  companyId: number,
  period: string,
  settings: BillingSettings,
  hasSpecialPeriods: boolean,
  households: HouseholdRange,
) {
  const b = monthBounds(period);
  const inRange = sql.raw(
    ` and hu.household_id between ${Math.trunc(households.from)} and ${Math.trunc(households.to)}`,
  );
  const billingDate = dueDateOf(period, settings.billingDay);
  const days = sql.raw(billedDaysSql("hu.from_date", "hu.to_date", b, settings.proration, billingDate));
  const special = (kind: "vacant" | "free" | "developer") =>
    !hasSpecialPeriods
      ? sql.raw("0")
      : sql.raw(`(select coalesce(sum(${overlapDaysSql({ from: "hu.from_date", to: "hu.to_date" }, { from: "s.from_date", to: "s.to_date" }, b, settings.proration, billingDate)}), 0)
       from unit_billing_periods s where s.unit_id = hu.unit_id and s.kind = '${kind}' and s.from_date < '${b.next}' and coalesce(s.to_date, '${OPEN_END}') > '${b.first}')`);
  const amount = (q: string, d: string, rate?: number) =>
    sql.raw(proratedSql("px.price", q, d, b.days, settings.rounding, rate));
  const metered = sql.raw(
    proratedSql("px.price", "(mr.reading_centi - mr.previous_centi)", String(b.days), b.days, settings.rounding),
  );
  const reason = (d: string) =>
    sql.raw(
      `case when ${d} < ${b.days} then 'reason.prorated' end as reason_key, case when ${d} < ${b.days} then json_object('days', ${d}, 'monthDays', ${b.days}) end as reason_params`,
    );
  const vacancy = sql.raw(
    `'reason.vacancy', json_object('days', h.vdays, 'monthDays', ${b.days}, 'percent', ${settings.vacancyRateBp / 100})`,
  );
  return sql`
    with held as (
      select household_id, unit_id, type, area, vdays, fdays, days - vdays - fdays - ddays as pdays
        from (select hu.household_id, hu.unit_id, u.type, u.area_centi_m2 as area, ${days} as days, ${special("vacant")} as vdays, ${special("free")} as fdays,
                     ${special("developer")} as ddays
                from household_units hu
                join units u on u.id = hu.unit_id
               where hu.company_id = ${companyId} and hu.from_date < ${b.next} and coalesce(hu.to_date, ${OPEN_END}) > ${b.first}${inRange})
    ), px as (${pricesInForce(companyId, period)})
    select h.household_id, px.id as fee_item_id, h.unit_id, h.area as qty, px.price, ${amount("h.area", "h.pdays")} as amount, ${reason("h.pdays")}
      from held h join px on px.kind = 'per_area' and px.price is not null
     where h.type in ('residential', 'commercial') and h.pdays > 0
    union all
    select h.household_id, px.id, h.unit_id, h.area, px.price, ${amount("h.area", "h.vdays", settings.vacancyRateBp)}, ${vacancy}
      from held h join px on px.kind = 'per_area' and px.price is not null
     where h.type in ('residential', 'commercial') and h.vdays > 0
    union all
    select h.household_id, px.id, h.unit_id, 1, px.price, ${amount("100", "(h.pdays + h.vdays)")}, ${reason("(h.pdays + h.vdays)")}
      from held h join px on px.kind = 'per_parking' and px.price is not null
     where h.type = 'parking' and h.pdays + h.vdays > 0
    union all
    select h.household_id, px.id, null, 1, px.price, ${amount("100", "h.days")}, ${reason("h.days")}
      from (select household_id, max(pdays + vdays) as days from held group by household_id having max(pdays + vdays) > 0) h
      join px on px.kind = 'per_household' and px.price is not null
    union all
    select hu.household_id, px.id, mr.unit_id, mr.reading_centi - mr.previous_centi, px.price, ${metered}, null, null
      from meter_readings mr
      join px on px.id = mr.fee_item_id and px.kind = 'metered' and px.price is not null
      join household_units hu on hu.unit_id = mr.unit_id and hu.company_id = ${companyId}
       and hu.from_date = (select max(x.from_date) from household_units x
                            where x.unit_id = mr.unit_id and x.from_date < ${b.next} and coalesce(x.to_date, ${OPEN_END}) > ${b.first})
     where mr.company_id = ${companyId} and mr.period = ${period} and mr.status = 'approved'${inRange}`;
}

export interface GenerationResult {
  period: string;
  created: number;
  creditApplied: number;
  /** Contract bills created for the month: contract income (多种经营) and developer-paid units. */
  contractBills: number;
}

/** Household ids from..to (inclusive): one chunk of the bill run. */
interface HouseholdRange {
  from: number;
  to: number;
}

/** Households per write transaction of the bill run (SPEC §10: ≤ 250 ms at 50,000 households; see README). */
export const BILL_RUN_CHUNK = 2000;

/** The company's households holding a unit at any time, in id order, as ranges of `size` households. */
async function householdRanges(db: DbOrTx, companyId: number, size: number): Promise<HouseholdRange[]> {
  const [row] = await db.all<{ ids: string | null }>(
    sql`select json_group_array(household_id) as ids from (select distinct household_id from household_units where company_id = ${companyId} order by household_id)`,
  );
  const ids = row?.ids ? (JSON.parse(row.ids) as number[]) : [];
  const ranges: HouseholdRange[] = [];
  for (let i = 0; i < ids.length; i += size) ranges.push({ from: ids[i], to: ids[Math.min(i + size, ids.length) - 1] });
  return ranges;
}

/**
 * Generates every household's bill for `period` ("YYYY-MM") in set-based statements, in short
 * write transactions of BILL_RUN_CHUNK households each (contract income bills (多种经营) and
 * developer-paid unit bills (开发商承担) first, in their own).
 * Idempotent: a household that already has a bill for the month (unique household + period)
 * gets nothing new, so a run stopped between chunks is resumed by running it again. New bills
 * are paid from credit at once, in their chunk.
 */
export async function generateBills(
  db: Db,
  companyId: number,
  period: string,
  now = new Date(),
  chunk = BILL_RUN_CHUNK,
): Promise<GenerationResult> {
  if (!isMonth(period)) throw AppError.field("period", "billing.errors.period");
  const settings = await getBillingSettings(db, companyId);
  const due = dueDateOf(period, settings.dueDay);
  const at = now.getTime();
  // Without any vacant or fee-free period in the company the per-holding lookups are skipped (the bill run's hot path).
  const [special] = await db.all<{ n: number }>(
    sql`select count(*) as n from (select 1 from unit_billing_periods where company_id = ${companyId} limit 1)`,
  );
  const contractBills = await db.transaction(
    async (tx) =>
      (await generateContractBills(tx, companyId, period, now)) +
      (await generateDeveloperBills(tx, companyId, period, settings, now)),
  );
  let created = 0;
  let creditApplied = 0;
  for (const range of await householdRanges(db, companyId, chunk)) {
    const src = lineSource(companyId, period, settings, Number(special.n) > 0, range);
    const done = await db.transaction(async (tx) => {
      const inserted = await tx.run(sql`
        insert into bills (company_id, household_id, period, due_date, lines_fen, adjustment_fen, allocated_fen, voided, created_at)
        select ${companyId}, s.household_id, ${period}, ${due}, sum(s.amount), 0, 0, 0, ${at}
          from (${src}) s
         group by s.household_id
        having sum(s.amount) > 0
        on conflict (household_id, period) where kind = 'monthly' do nothing`);
      if (inserted.rowsAffected === 0) return { created: 0, applied: 0 };
      await tx.run(sql`
        insert into bill_lines (company_id, bill_id, fee_item_id, unit_id, quantity, price_fen, amount_fen, reason_key, reason_params)
        select ${companyId}, b.id, s.fee_item_id, s.unit_id, s.qty, s.price, s.amount, s.reason_key, s.reason_params
          from (${src}) s
          join bills b on b.household_id = s.household_id and b.period = ${period} and b.kind = 'monthly' and b.created_at = ${at}
         where b.company_id = ${companyId}
           and not exists (select 1 from bill_lines l where l.bill_id = b.id)`);
      return { created: inserted.rowsAffected, applied: await applyCreditToPeriod(tx, companyId, period, at, range) };
    });
    created += done.created;
    creditApplied += done.applied;
  }
  return { period, created, creditApplied, contractBills };
}

/** Pays the period's open bills from each household's credit (set-based). Returns how many bills got credit. */
async function applyCreditToPeriod(
  tx: DbOrTx,
  companyId: number,
  period: string,
  at: number,
  households: HouseholdRange,
): Promise<number> {
  const [{ maxId }] = await tx.all<{ maxId: number }>(sql`select coalesce(max(id), 0) as maxId from allocations`);
  const ins = await tx.run(sql`
    insert into allocations (company_id, bill_id, payment_id, amount_fen, created_at)
    select ${companyId}, b.id, null, min(cb.bal, b.lines_fen + b.adjustment_fen - b.allocated_fen), ${at}
      from bills b
      join (select household_id, sum(amount_fen) as bal from credit_entries where company_id = ${companyId}
             group by household_id having sum(amount_fen) > 0) cb on cb.household_id = b.household_id
     where b.company_id = ${companyId} and b.period = ${period} and b.voided = 0
       and b.household_id between ${households.from} and ${households.to}
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
