/**
 * E2E helper (run with tsx against the e2e server's database, never a real one).
 * 1. In the demo company: a seller household holding a new flat since 2024-01-01 and a buyer
 *    household (with a flat of its own) whose code the finance user types into the transfer form.
 * 2. A company of its own (so the demo's bills stay untouched) with a household that took over
 *    its flat on the 17th of last month, a resident account for it, and last month's bill run.
 * Prints JSON: the seller, the buyer's code, and the new owner's login.
 */
import { randomBytes, randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import {
  buildings,
  communities,
  consentRecords,
  feeItems,
  householdUnits,
  households,
  memberships,
  residentLinks,
  units,
  users,
} from "../../../db/schema";
import { DEMO_LOGINS } from "../../../scripts/seed/demo-logins";
import { hashPassword } from "../../../lib/auth/password";
import { PRIVACY_NOTICE_VERSION } from "../../../lib/privacy/rules";
import { generateBills } from "../../../lib/billing/generate";
import { openDb, type Db } from "../../../lib/db/client";
import { signUpCompany } from "../../../lib/flows/sign-up-company";
import { addMonths } from "../../../lib/time/calendar";
import { localDate } from "../../../lib/time/zone";

const url = process.env.DATABASE_URL ?? "";
if (!/^file:.*(\/tmp\/|\/e2e\/)/.test(url)) throw new Error(`refusing ${url}: only the e2e database`);
const tag = randomBytes(3).toString("hex");
const phone = () => `13${randomInt(5, 10)}${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;

async function household(db: Db, companyId: number, buildingId: number, name: string, from: string) {
  const [unit] = await db
    .insert(units)
    .values({ companyId, buildingId, number: `T-${name}-${tag}`, areaCentiM2: 10_000, type: "residential" })
    .returning();
  const [h] = await db
    .insert(households)
    .values({
      companyId,
      name: `${name}${tag}`,
      kind: "owner",
      code: `TR${tag.toUpperCase()}${name.length}${randomInt(100, 999)}`,
    })
    .returning();
  await db.insert(householdUnits).values({ companyId, householdId: h.id, unitId: unit.id, fromDate: from });
  return { id: h.id, name: h.name, code: h.code, unit: `${unit.number}` };
}

const { db, client } = openDb(url);
try {
  const financeLogin = DEMO_LOGINS.find((l) => l.role === "finance")!;
  const [finance] = await db
    .select({ companyId: memberships.companyId })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.role, "finance")))
    .where(eq(users.email, financeLogin.email));
  const [building] = await db
    .select({ id: buildings.id })
    .from(buildings)
    .where(eq(buildings.companyId, finance.companyId))
    .limit(1);
  const seller = await household(db, finance.companyId, building.id, "卖方", "2024-01-01");
  const buyer = await household(db, finance.companyId, building.id, "买方", "2024-01-01");

  const password = `Pw-${tag}-2026`;
  const company = await signUpCompany(db, {
    companyName: `按天计费物业${tag}`,
    name: "管理员",
    phone: phone(),
    email: `time-admin-${tag}@e2e.guanjia.test`,
    password,
  });
  const [community] = await db
    .insert(communities)
    .values({ companyId: company.companyId, name: `新小区${tag}` })
    .returning();
  const [b2] = await db
    .insert(buildings)
    .values({ companyId: company.companyId, communityId: community.id, code: "1", name: "1栋" })
    .returning();
  await db.insert(feeItems).values({ companyId: company.companyId, name: "物业费", kind: "per_area", priceFen: 300 });
  const lastMonth = addMonths(localDate(new Date(), "Asia/Shanghai").slice(0, 7), -1);
  const owner = await household(db, company.companyId, b2.id, "新业主", `${lastMonth}-17`);
  const residentPhone = phone();
  const [resident] = await db
    .insert(users)
    .values({
      name: `新业主${tag.slice(0, 4)}`,
      phone: residentPhone,
      email: `time-${tag}@e2e.guanjia.test`,
      passwordHash: await hashPassword(password),
    })
    .returning();
  await db.insert(memberships).values({ companyId: company.companyId, userId: resident.id, role: "resident" });
  await db.insert(residentLinks).values({
    companyId: company.companyId,
    userId: resident.id,
    householdId: owner.id,
    relation: "owner",
    status: "approved",
  });
  await db.insert(consentRecords).values({
    companyId: company.companyId,
    userId: resident.id,
    document: "privacy_notice",
    version: PRIVACY_NOTICE_VERSION,
  });
  await generateBills(db, company.companyId, lastMonth);
  console.log(JSON.stringify({ seller, buyer, resident: { phone: residentPhone, password }, lastMonth }));
} finally {
  client.close();
}
