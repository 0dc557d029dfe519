import { and, eq } from "drizzle-orm";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { companies, householdUnits, memberships, residentLinks, surveys, users, visits } from "../../../db/schema";
import { sendSurvey } from "../../../lib/crm/surveys/send";
import { dispatchVisitsTx, visitDueAt, visitOrderText } from "../../../lib/crm/visits/sampling";
import { openDb, type Db } from "../../../lib/db/client";
import { demo } from "../support/demo";
import { createTestHousehold } from "../support/households";
import { localDate } from "../../../lib/time/zone";
import { quarterBounds, quarterOf } from "../../../lib/time/quarters";

/**
 * Test data for the CRM visit/survey specs, written into the e2e server's database (the file
 * scripts/e2e-server.sh created for this port) through the same lib code the cron jobs use —
 * but for one household only, so other specs never see a company-wide sampling or survey.
 */
function e2eDatabaseUrl(): string {
  if (process.env.E2E_DATABASE_URL) return process.env.E2E_DATABASE_URL;
  const port = process.env.E2E_PORT || "3211";
  const tmp = fs.realpathSync(process.env.TMPDIR || os.tmpdir());
  return `file:${path.join(tmp, `guanjia-e2e-${port}`, "e2e.db")}`;
}

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const handle = openDb(e2eDatabaseUrl());
  try {
    return await fn(handle.db);
  } finally {
    handle.client.close();
  }
}

async function userByPhone(db: Db, phone: string) {
  const [u] = await db
    .select({ id: users.id, companyId: memberships.companyId, timeZone: companies.timeZone })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(companies, eq(companies.id, memberships.companyId))
    .where(eq(users.phone, phone))
    .limit(1);
  if (!u) throw new Error(`no user ${phone}: is the e2e database seeded?`);
  return u;
}

/** One visit order of this quarter for a new household of the demo butler (as the monthly sampling dispatches it). */
export async function dispatchDemoVisit(): Promise<{ visitId: number; orderId: number; householdName: string }> {
  return withDb(async (db) => {
    const butler = await userByPhone(db, demo("butler").phone);
    const today = localDate(new Date(), butler.timeZone);
    const quarter = quarterOf(today);
    const month = today.slice(0, 7);
    // A household created for this test in the demo butler's building: no seeded visit, no other test's.
    const h = await createTestHousehold(db.$client, { butlerPhone: demo("butler").phone });
    const [unit] = await db
      .select({ unitId: householdUnits.unitId })
      .from(householdUnits)
      .where(eq(householdUnits.householdId, h.householdId));
    const pick = { householdId: h.householdId, unitId: unit.unitId, communityId: h.communityId, name: h.name };
    const now = new Date();
    await db.transaction((tx) =>
      dispatchVisitsTx(
        tx,
        butler.companyId,
        { quarter, month, resolveDueAt: visitDueAt(month, butler.timeZone) },
        [
          {
            butlerUserId: butler.id,
            householdId: pick.householdId,
            unitId: pick.unitId,
            communityId: pick.communityId,
            ...visitOrderText(quarter, month),
            assignees: [{ userId: butler.id, role: "butler" }],
          },
        ],
        now,
      ),
    );
    const [v] = await db
      .select()
      .from(visits)
      .where(and(eq(visits.householdId, pick.householdId), eq(visits.quarter, quarter)));
    return { visitId: v.id, orderId: v.workOrderId!, householdName: pick.name };
  });
}

/** This quarter's survey of the demo company, sent to the demo resident's households only. */
export async function sendDemoSurvey(): Promise<{ surveyId: number }> {
  return withDb(async (db) => {
    const resident = await userByPhone(db, demo("resident").phone);
    const quarter = quarterOf(localDate(new Date(), resident.timeZone));
    const bounds = quarterBounds(quarter);
    await db
      .insert(surveys)
      .values({ companyId: resident.companyId, quarter, opensOn: bounds.from, closesOn: bounds.to })
      .onConflictDoNothing();
    const [s] = await db
      .select({ id: surveys.id })
      .from(surveys)
      .where(and(eq(surveys.companyId, resident.companyId), eq(surveys.quarter, quarter)));
    const links = await db
      .select({ householdId: residentLinks.householdId })
      .from(residentLinks)
      .where(and(eq(residentLinks.userId, resident.id), eq(residentLinks.status, "approved")));
    await sendSurvey(
      db,
      resident.companyId,
      s.id,
      new Date(),
      links.map((l) => l.householdId),
    );
    return { surveyId: s.id };
  });
}
