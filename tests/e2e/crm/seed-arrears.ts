/**
 * E2E helper (run with tsx against the e2e server's database, never a real one): creates a
 * household of the demo butler N months behind (argument, default 4) with a fresh resident account
 * of its own, then runs the arrears ladder for that household today — the same code the cron runs.
 * Prints JSON: the new resident's login, the household and the notice issued.
 */
import { randomBytes, randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import {
  billLines,
  bills,
  buildingButlers,
  consentRecords,
  crmNotices,
  feeItems,
  householdUnits,
  households,
  memberships,
  residentLinks,
  units,
  users,
  workOrders,
} from "../../../db/schema";
import { hashPassword } from "../../../lib/auth/password";
import { PRIVACY_NOTICE_VERSION } from "../../../lib/privacy/rules";
import { monthsInArrearsByHousehold } from "../../../lib/billing/queries/arrears";
import { localDate } from "@/lib/time/zone";
import { addMonths } from "@/lib/time/calendar";
import { runLadder } from "../../../lib/crm/arrears/ladder";
import { openDb } from "../../../lib/db/client";
import { DEMO_LOGINS } from "../../../scripts/seed/demo-logins";

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
  // The demo's own households in arrears already carry the notices the seed's replay derived, so
  // the test gets a household of its own: a new flat in one of the demo butler's buildings with the
  // last four monthly property bills unpaid.
  const [building] = await db
    .select({ id: buildingButlers.buildingId })
    .from(buildingButlers)
    .where(and(eq(buildingButlers.companyId, company.id), eq(buildingButlers.butlerUserId, butler.id)))
    .limit(1);
  if (!building) throw new Error("the demo butler has no building: is the e2e database seeded?");
  const [fee] = await db
    .select()
    .from(feeItems)
    .where(and(eq(feeItems.companyId, company.id), eq(feeItems.kind, "per_area")))
    .limit(1);
  const unitTag = randomBytes(3).toString("hex");
  const [unit] = await db
    .insert(units)
    .values({
      companyId: company.id,
      buildingId: building.id,
      number: `E2E-${unitTag}`,
      areaCentiM2: 9000,
      type: "residential",
    })
    .returning();
  const [created] = await db
    .insert(households)
    .values({
      companyId: company.id,
      name: `欠费测试户${unitTag}`,
      kind: "owner",
      code: `E2E${unitTag.toUpperCase()}${randomInt(100, 999)}`,
    })
    .returning();
  const householdId = created.id;
  await db.insert(householdUnits).values({ companyId: company.id, householdId, unitId: unit.id });
  const months = Number(process.argv[2] ?? 4);
  for (let i = months; i >= 1; i--) {
    const period = addMonths(today.slice(0, 7), -i);
    const amount = Math.round((fee.priceFen * unit.areaCentiM2) / 100);
    const [bill] = await db
      .insert(bills)
      .values({
        companyId: company.id,
        householdId,
        period,
        dueDate: `${period}-15`,
        linesFen: amount,
        kind: "monthly",
      })
      .returning();
    await db.insert(billLines).values({
      companyId: company.id,
      billId: bill.id,
      feeItemId: fee.id,
      unitId: unit.id,
      quantity: unit.areaCentiM2,
      priceFen: fee.priceFen,
      amountFen: amount,
    });
  }
  const arrears = await monthsInArrearsByHousehold(db, company.id, today);
  const tag = randomBytes(4).toString("hex");
  const password = `Pw-${tag}-2026`;
  const phone = `137${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;
  const [resident] = await db
    .insert(users)
    .values({
      name: `欠费住户${tag.slice(0, 4)}`,
      phone,
      email: `arrears-${tag}@e2e.guanjia.test`,
      passwordHash: await hashPassword(password),
    })
    .returning();
  await db.insert(memberships).values({ companyId: company.id, userId: resident.id, role: "resident" });
  await db.insert(consentRecords).values({
    companyId: company.id,
    userId: resident.id,
    document: "privacy_notice",
    version: PRIVACY_NOTICE_VERSION,
  });
  await db
    .insert(residentLinks)
    .values({ companyId: company.id, userId: resident.id, householdId, relation: "owner", status: "approved" });
  await runLadder(db, company, today, new Date(), new Set([householdId]));
  const [notice] = await db
    .select()
    .from(crmNotices)
    .where(and(eq(crmNotices.companyId, company.id), eq(crmNotices.householdId, householdId)));
  const [order] = await db
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(
      and(
        eq(workOrders.companyId, company.id),
        eq(workOrders.householdId, householdId),
        eq(workOrders.type, "collection"),
      ),
    );
  const [household] = await db.select({ name: households.name }).from(households).where(eq(households.id, householdId));
  console.log(
    JSON.stringify({
      phone,
      password,
      householdId,
      householdName: household.name,
      orderId: order.id,
      months: arrears.get(householdId)!.months,
      noticeId: notice.id,
      number: notice.number,
      kind: notice.kind,
      awaitingConfirmation: notice.awaitingConfirmation,
    }),
  );
} finally {
  client.close();
}
