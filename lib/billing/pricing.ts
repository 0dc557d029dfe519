/**
 * What a bill run reads before it writes: the company's billing settings and each fee item's
 * price in force for a month. Apart from generate.ts so that contracts, developer and charges
 * read them without importing the bill run (no import cycle).
 */
import { eq, sql } from "drizzle-orm";
import { billingSettings } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import type { Proration } from "./proration";
import type { Rounding } from "./rules";

export interface BillingSettings {
  billingDay: number;
  dueDay: number;
  rounding: Rounding;
  proration: Proration;
  /** Share of per-area items billed for a vacant day, basis points. */
  vacancyRateBp: number;
}

export const DEFAULT_SETTINGS: BillingSettings = {
  billingDay: 1,
  dueDay: 15,
  rounding: "fen",
  proration: "days",
  vacancyRateBp: 7000,
};

export async function getBillingSettings(db: DbOrTx, companyId: number): Promise<BillingSettings> {
  const [row] = await db.select().from(billingSettings).where(eq(billingSettings.companyId, companyId));
  return row
    ? {
        billingDay: row.billingDay,
        dueDay: row.dueDay,
        rounding: row.rounding,
        proration: row.proration,
        vacancyRateBp: row.vacancyRateBp,
      }
    : DEFAULT_SETTINGS;
}

/** Each active monthly fee item's price in force in `period` (its latest price period starting by then; an item without any price period: its price). Columns: id, kind, price. */
export function pricesInForce(companyId: number, period: string) {
  return sql`
      select fi.id, fi.kind, coalesce(
               (select p.price_fen from fee_item_prices p where p.fee_item_id = fi.id and p.from_period <= ${period} order by p.from_period desc limit 1),
               case when not exists (select 1 from fee_item_prices p where p.fee_item_id = fi.id) then fi.price_fen end) as price
        from fee_items fi
       where fi.company_id = ${companyId} and fi.active = 1 and fi.kind in ('per_area', 'per_parking', 'per_household', 'metered')`;
}
