import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { type BillingSettings, pricesInForce } from "./pricing";
import { monthBounds, OPEN_END, overlapDaysSql, proratedSql } from "./proration";
import { dueDateOf } from "./rules";

/**
 * 开发商承担: for every developer-paid unit period overlapping `period`, one contract bill to
 * the period's contract customer (the developer) for the unit's days in the period — what the
 * holder would have paid for them at full rate: per-area items (residential and commercial
 * units) and per-parking items, prorated by days like household lines, with the reason
 * (`reason.developer`: days, month days). The holder is billed nothing for those days
 * (generate.ts). Idempotent: unique unit period + month. Runs inside the bill run's transaction.
 */
export async function generateDeveloperBills(
  tx: DbOrTx,
  companyId: number,
  period: string,
  settings: BillingSettings,
  now: Date,
): Promise<number> {
  const b = monthBounds(period);
  const billingDate = dueDateOf(period, settings.billingDay);
  const span = { from: "p.from_date", to: "p.to_date" };
  const days = overlapDaysSql(span, span, b, settings.proration, billingDate);
  const amount = (q: string) => sql.raw(proratedSql("px.price", q, "d.days", b.days, settings.rounding));
  const res = await tx.run(sql`
    with d as (
      select p.id, p.customer_id, p.unit_id, u.type, u.area_centi_m2 as area, ${sql.raw(days)} as days
        from unit_billing_periods p join units u on u.id = p.unit_id
       where p.company_id = ${companyId} and p.kind = 'developer'
         and p.from_date < ${b.next} and coalesce(p.to_date, ${OPEN_END}) > ${b.first}
    ), px as (${pricesInForce(companyId, period)}),
    lines as (
      select d.id, ${amount("d.area")} as amount from d join px on px.kind = 'per_area' and px.price is not null
       where d.type in ('residential', 'commercial') and d.days > 0
      union all
      select d.id, ${amount("100")} from d join px on px.kind = 'per_parking' and px.price is not null
       where d.type = 'parking' and d.days > 0
    )
    insert into contract_bills (company_id, contract_id, unit_period_id, unit_id, customer_id, period, due_date, amount_fen, allocated_fen, reason_key, reason_params, created_at)
    select ${companyId}, null, d.id, d.unit_id, d.customer_id, ${period}, ${dueDateOf(period, settings.dueDay)}, sum(l.amount), 0,
           'reason.developer', json_object('days', d.days, 'monthDays', ${b.days}), ${now.getTime()}
      from d join lines l on l.id = d.id
     group by d.id
    having sum(l.amount) > 0
    on conflict (unit_period_id, period) where unit_period_id is not null do nothing`);
  return res.rowsAffected;
}
