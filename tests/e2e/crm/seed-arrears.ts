/**
 * E2E helper (run with tsx against the e2e server's database, never a real one): gives a
 * household of the demo butler that is 4–11 months behind a fresh resident account of its
 * own, then runs the arrears ladder for that household today — the same code the cron runs.
 * Prints JSON: the new resident's login, the household and the notice issued.
 */
import { randomBytes, randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { crmNotices, households, memberships, residentLinks, users, workOrders } from "../../../db/schema";
import { hashPassword } from "../../../lib/auth/password";
import { monthsInArrearsByHousehold } from "../../../lib/billing/queries";
import { localDate } from "../../../lib/billing/rules";
import { runLadder } from "../../../lib/crm/arrears";
import { openDb } from "../../../lib/db/client";
import { householdPlacementSubquery } from "../../../lib/registry/queries";
import { DEMO_LOGINS } from "../../../db/seed/demo-logins";

const url = process.env.DATABASE_URL ?? "";
if (!/^file:.*(\/tmp\/|\/e2e\/)/.test(url)) throw new Error(`refusing ${url}: only the e2e database`);
const { db, client } = openDb(url);
try {
  const butlerLogin = DEMO_LOGINS.find((l) => l.role === "butler")!;
  const [butler] = await db
    .select({ id: users.id, companyId: memberships.companyId })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.role, "butler")))
    .where(eq(users.email, butlerLogin.email));
  const company = { id: butler.companyId, timeZone: "Asia/Shanghai" };
  const today = localDate(new Date(), company.timeZone);
  const arrears = await monthsInArrearsByHousehold(db, company.id, today);
  const p = householdPlacementSubquery(db, company.id);
  const mine = await db.select({ id: p.householdId }).from(p).where(eq(p.butlerUserId, butler.id));
  const linked = new Set((await db.select({ id: residentLinks.householdId }).from(residentLinks).where(eq(residentLinks.companyId, company.id))).map((r) => r.id));
  const noticed = new Set((await db.select({ id: crmNotices.householdId }).from(crmNotices).where(eq(crmNotices.companyId, company.id))).map((r) => r.id));
  const candidates = mine.map((m) => m.id).filter((id) => !linked.has(id) && !noticed.has(id) && (arrears.get(id)?.months ?? 0) >= 4 && (arrears.get(id)?.months ?? 0) <= 11);
  if (!candidates.length) throw new Error("no household of the demo butler 4–11 months behind: is the e2e database seeded?");
  const householdId = candidates[randomInt(candidates.length)];
  const tag = randomBytes(4).toString("hex");
  const password = `Pw-${tag}-2026`;
  const phone = `137${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;
  const [resident] = await db
    .insert(users)
    .values({ name: `欠费住户${tag.slice(0, 4)}`, phone, email: `arrears-${tag}@e2e.guanjia.test`, passwordHash: await hashPassword(password) })
    .returning();
  await db.insert(memberships).values({ companyId: company.id, userId: resident.id, role: "resident" });
  await db.insert(residentLinks).values({ companyId: company.id, userId: resident.id, householdId, relation: "owner", status: "approved" });
  await runLadder(db, company, today, new Date(), new Set([householdId]));
  const [notice] = await db.select().from(crmNotices).where(and(eq(crmNotices.companyId, company.id), eq(crmNotices.householdId, householdId)));
  const [order] = await db.select({ id: workOrders.id }).from(workOrders).where(and(eq(workOrders.companyId, company.id), eq(workOrders.householdId, householdId), eq(workOrders.type, "collection")));
  const [household] = await db.select({ name: households.name }).from(households).where(eq(households.id, householdId));
  console.log(JSON.stringify({ phone, password, householdId, householdName: household.name, orderId: order.id, months: arrears.get(householdId)!.months, noticeId: notice.id, number: notice.number, kind: notice.kind }));
} finally {
  client.close();
}
