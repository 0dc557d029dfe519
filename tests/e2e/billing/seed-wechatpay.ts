/**
 * E2E helper (run with tsx against the e2e server's database, never a real one): a company of its
 * own (so the demo company keeps the sandbox) with an admin, a household with last month's bill
 * (物业费 ¥123.45; SEED_MONTHS=n: the n months before this one) and a resident account for it, and
 * a finance user. Prints JSON: the logins and the household's id.
 */
import { randomBytes, randomInt } from "node:crypto";
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
import { hashPassword } from "../../../lib/auth/password";
import { generateBills } from "../../../lib/billing/generate";
import { openDb } from "../../../lib/db/client";
import { PRIVACY_NOTICE_VERSION } from "../../../lib/privacy/rules";
import { signUpCompany } from "../../../lib/flows/sign-up-company";
import { addMonths } from "../../../lib/time/calendar";
import { localDate } from "../../../lib/time/zone";

const url = process.env.DATABASE_URL ?? "";
if (!/^file:.*(\/tmp\/|\/e2e\/)/.test(url)) throw new Error(`refusing ${url}: only the e2e database`);
const tag = randomBytes(3).toString("hex");
const phone = () => `13${randomInt(5, 10)}${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;

const { db, client } = openDb(url);
try {
  const password = `Pw-${tag}-2026`;
  const adminPhone = phone();
  const company = await signUpCompany(db, {
    companyName: `微信支付物业${tag}`,
    name: "管理员",
    phone: adminPhone,
    email: `wxpay-admin-${tag}@e2e.guanjia.test`,
    password,
  });
  const { companyId } = company;
  const [community] = await db
    .insert(communities)
    .values({ companyId, name: `支付小区${tag}` })
    .returning();
  const [building] = await db
    .insert(buildings)
    .values({ companyId, communityId: community.id, code: "1", name: "1栋" })
    .returning();
  await db.insert(feeItems).values({ companyId, name: "物业费", kind: "per_household", priceFen: 12_345 });
  const lastMonth = addMonths(localDate(new Date(), "Asia/Shanghai").slice(0, 7), -1);
  const [unit] = await db
    .insert(units)
    .values({ companyId, buildingId: building.id, number: `P-${tag}`, areaCentiM2: 10_000, type: "residential" })
    .returning();
  const [h] = await db
    .insert(households)
    .values({ companyId, name: `业主${tag}`, kind: "owner", code: `WX${tag.toUpperCase()}${randomInt(100, 999)}` })
    .returning();
  await db.insert(householdUnits).values({ companyId, householdId: h.id, unitId: unit.id, fromDate: "2024-01-01" });
  const residentPhone = phone();
  const [resident] = await db
    .insert(users)
    .values({
      name: `业主${tag.slice(0, 4)}`,
      phone: residentPhone,
      email: `wxpay-${tag}@e2e.guanjia.test`,
      passwordHash: await hashPassword(password),
    })
    .returning();
  await db.insert(memberships).values({ companyId, userId: resident.id, role: "resident" });
  await db
    .insert(residentLinks)
    .values({ companyId, userId: resident.id, householdId: h.id, relation: "owner", status: "approved" });
  await db
    .insert(consentRecords)
    .values({ companyId, userId: resident.id, document: "privacy_notice", version: PRIVACY_NOTICE_VERSION });
  const months = Math.max(1, Number(process.env.SEED_MONTHS ?? 1));
  for (let i = months - 1; i >= 0; i--) await generateBills(db, companyId, addMonths(lastMonth, -i));
  const financePhone = phone();
  const [finance] = await db
    .insert(users)
    .values({
      name: `财务${tag.slice(0, 4)}`,
      phone: financePhone,
      email: `wxpay-finance-${tag}@e2e.guanjia.test`,
      passwordHash: await hashPassword(password),
    })
    .returning();
  await db.insert(memberships).values({ companyId, userId: finance.id, role: "finance" });
  console.log(
    JSON.stringify({
      companyId,
      householdId: h.id,
      admin: { phone: adminPhone, password },
      resident: { phone: residentPhone, password },
      finance: { phone: financePhone, password },
    }),
  );
} finally {
  client.close();
}
