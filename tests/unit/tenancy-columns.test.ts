import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { is } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as schema from "@/db/schema";

/**
 * Every business row belongs to exactly one company: each table carries company_id, so queries
 * can be tenant-scoped and purging a company (scripts/seed/existing.ts purgeCompany) reaches every row.
 * Only these global tables are exempt (sign_in_codes: a phone's 5-minute code is asked for before
 * anyone knows the company, like users and rate_limits).
 */
const GLOBAL_TABLES = [
  "companies",
  "company_purges",
  "cron_leases",
  "rate_limits",
  "revoked_sessions",
  "sign_in_codes",
  "users",
];

describe("tenancy", () => {
  it("every table but the global ones has a company_id column", () => {
    const tables = Object.values(schema).flatMap((value) => (is(value, SQLiteTable) ? [getTableConfig(value)] : []));
    const without = tables
      .filter((t) => !t.columns.some((c) => c.name === "company_id"))
      .map((t) => t.name)
      .sort();
    expect(without).toEqual(GLOBAL_TABLES);
  });
});
