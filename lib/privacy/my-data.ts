import { and, eq, inArray, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import * as s from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

/**
 * "My data" (PIPL arts. 44–45): everything held about a resident and their households, by
 * section. Each section is one table filtered by the person or by their approved households,
 * always inside their company. Secrets (password hash, session version, household code,
 * payment provider references) are left out. Sentiment entries and scores are included: they
 * are personal information about the household (and the basis of automated decisions, art. 24).
 */
export const MY_DATA_SECTIONS = [
  "account",
  "roles",
  "householdLinks",
  "households",
  "units",
  "contacts",
  "bills",
  "payments",
  "credit",
  "workOrders",
  "notices",
  "sentiment",
  "scores",
  "surveys",
  "notifications",
  "activities",
  "shopOrders",
  "consents",
  "privacyRequests",
] as const;
export type MyDataSection = (typeof MY_DATA_SECTIONS)[number];
export type MyData = Record<MyDataSection, Record<string, unknown>[]>;

const OMIT = new Set(["passwordHash", "sessionVersion", "code", "providerRef", "checkoutId", "claimToken"]);

function strip<T extends Record<string, unknown>>(rows: T[]): Record<string, unknown>[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !OMIT.has(k))));
}

type Scoped = SQLiteTable & { companyId: SQLiteColumn };

async function rowsOf(db: DbOrTx, table: Scoped, companyId: number, where: SQL | undefined) {
  const rows = (await db
    .select()
    .from(table)
    .where(and(eq(table.companyId, companyId), where))) as Record<string, unknown>[];
  return strip(rows);
}

/** Everything held about the resident `userId` of company `companyId`. */
export async function collectMyData(db: DbOrTx, companyId: number, userId: number): Promise<MyData> {
  const [account] = await db
    .select({
      id: s.users.id,
      name: s.users.name,
      phone: s.users.phone,
      email: s.users.email,
      locale: s.users.locale,
      createdAt: s.users.createdAt,
    })
    .from(s.users)
    .where(eq(s.users.id, userId));
  const links = await rowsOf(db, s.residentLinks, companyId, eq(s.residentLinks.userId, userId));
  const hh = links.filter((l) => l.status === "approved").map((l) => Number(l.householdId));
  const byHh = <T extends Scoped & { householdId: SQLiteColumn }>(t: T) =>
    rowsOf(db, t, companyId, inArray(t.householdId, hh));
  const units = await db
    .select({
      householdId: s.householdUnits.householdId,
      unitId: s.units.id,
      number: s.units.number,
      floor: s.units.floor,
      areaCentiM2: s.units.areaCentiM2,
      type: s.units.type,
    })
    .from(s.householdUnits)
    .innerJoin(s.units, eq(s.units.id, s.householdUnits.unitId))
    .where(and(eq(s.householdUnits.companyId, companyId), inArray(s.householdUnits.householdId, hh)));
  return {
    account: account ? [account] : [],
    roles: await rowsOf(db, s.memberships, companyId, eq(s.memberships.userId, userId)),
    householdLinks: links,
    households: await rowsOf(db, s.households, companyId, inArray(s.households.id, hh)),
    units,
    contacts: await byHh(s.householdContacts),
    bills: await byHh(s.bills),
    payments: await byHh(s.payments),
    credit: await byHh(s.creditEntries),
    workOrders: await rowsOf(db, s.workOrders, companyId, inArray(s.workOrders.householdId, hh)),
    notices: await byHh(s.crmNotices),
    sentiment: await byHh(s.sentimentEntries),
    scores: await byHh(s.householdScores),
    surveys: await byHh(s.surveyResponses),
    notifications: await rowsOf(db, s.notifications, companyId, eq(s.notifications.userId, userId)),
    activities: await rowsOf(db, s.activitySignups, companyId, eq(s.activitySignups.userId, userId)),
    shopOrders: await rowsOf(db, s.shopOrders, companyId, eq(s.shopOrders.userId, userId)),
    consents: await rowsOf(db, s.consentRecords, companyId, eq(s.consentRecords.userId, userId)),
    privacyRequests: await rowsOf(db, s.privacyRequests, companyId, eq(s.privacyRequests.userId, userId)),
  };
}
