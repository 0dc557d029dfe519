import { sql, type AnyColumn } from "drizzle-orm";
import { sentimentEntries } from "@/db/schema";

/**
 * Query-planner hints. Without statistics SQLite picks the (company, …) index for
 * "company = ? and household in (…)" and reads the company's whole ledger (or score cache)
 * for every page of households. `+column` keeps the tenant condition but takes it out of
 * index selection, so the household index (entries: household, date, id — already in fold
 * order) or the primary key (scores) is used.
 */
export const companyIs = (column: AnyColumn, companyId: number) => sql`+${column} = ${companyId}`;

/** For raw correlated subqueries: `from ${ENTRY_ALIAS_E} where e.household_id = …`. */
export const ENTRY_ALIAS_E = sql`${sentimentEntries} e indexed by sentiment_entries_household_idx`;
