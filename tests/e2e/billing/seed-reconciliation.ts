/**
 * E2E helper (run with tsx against the e2e server's database, never a real one): a company of its
 * own with a finance user, a household, a resident and a WeChat Pay account on the spec's fake
 * (RECON_FAKE: JSON of the fake's and merchant's keys); two WeChat Pay checkouts of ¥123.45 —
 * "missing" never reached us, "differs" was paid (recorded through the checkout-webhook path).
 * Prints JSON: the finance login, the company and both out_trade_nos.
 */
import { randomBytes, randomInt } from "node:crypto";
import {
  buildings,
  communities,
  feeItems,
  householdUnits,
  households,
  memberships,
  residentLinks,
  units,
  users,
} from "../../../db/schema";
import { hashPassword } from "../../../lib/auth/password";
import { createCheckout } from "../../../lib/billing/checkout";
import { savePaymentAccount } from "../../../lib/billing/payment-accounts/commands";
import { wechatAccountSchema } from "../../../lib/billing/payment-accounts/schemas";
import { outTradeNo } from "../../../lib/billing/providers/trade-no";
import { secretsKey } from "../../../lib/crypto/secrets";
import { openDb } from "../../../lib/db/client";
import { handleWebhook } from "../../../lib/flows/checkout-webhook";
import { signUpCompany } from "../../../lib/flows/sign-up-company";

const url = process.env.DATABASE_URL ?? "";
if (!/^file:.*(\/tmp\/|\/e2e\/)/.test(url)) throw new Error(`refusing ${url}: only the e2e database`);
const fake = JSON.parse(process.env.RECON_FAKE ?? "{}") as Record<string, string>;
const tag = randomBytes(3).toString("hex");
const phone = () => `13${randomInt(5, 10)}${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;

const { db, client } = openDb(url);
try {
  const password = `Pw-${tag}-2026`;
  const company = await signUpCompany(db, {
    companyName: `对账物业${tag}`,
    name: "管理员",
    phone: phone(),
    email: `recon-admin-${tag}@e2e.guanjia.test`,
    password,
  });
  const { companyId } = company;
  const person = async (role: "finance" | "resident", name: string) => {
    const [u] = await db
      .insert(users)
      .values({
        name,
        phone: phone(),
        email: `recon-${role}-${tag}@e2e.guanjia.test`,
        passwordHash: await hashPassword(password),
      })
      .returning();
    await db.insert(memberships).values({ companyId, userId: u.id, role });
    return u;
  };
  const finance = await person("finance", `财务${tag.slice(0, 4)}`);
  const resident = await person("resident", `业主${tag.slice(0, 4)}`);
  await db.insert(feeItems).values({ companyId, name: "物业费", kind: "per_household", priceFen: 12_345 });
  const [h] = await db
    .insert(households)
    .values({ companyId, name: `业主${tag}`, kind: "owner", code: `RC${tag.toUpperCase()}${randomInt(100, 999)}` })
    .returning();
  const [community] = await db
    .insert(communities)
    .values({ companyId, name: `对账小区${tag}` })
    .returning();
  const [building] = await db
    .insert(buildings)
    .values({ companyId, communityId: community.id, code: "1", name: "1栋" })
    .returning();
  const [unit] = await db
    .insert(units)
    .values({ companyId, buildingId: building.id, number: `R-${tag}`, areaCentiM2: 10_000, type: "residential" })
    .returning();
  await db.insert(householdUnits).values({ companyId, householdId: h.id, unitId: unit.id, fromDate: "2024-01-01" });
  await db
    .insert(residentLinks)
    .values({ companyId, userId: resident.id, householdId: h.id, relation: "owner", status: "approved" });
  const input = wechatAccountSchema.parse({ enabled: "on", mode: "direct", subMchId: "", subAppId: "", ...fake });
  await savePaymentAccount(db, secretsKey(), { companyId, userId: company.userId }, "wechatpay", input);
  const checkout = () =>
    createCheckout(
      db,
      { companyId, userId: resident.id },
      { householdId: h.id, billIds: [], aheadMonths: 1 },
      "wechatpay",
    );
  const missing = await checkout();
  const differs = await checkout();
  const paid = {
    name: "wechatpay",
    checkoutUrl: () => "",
    verifyWebhook: () => ({
      sessionId: differs.id,
      status: "paid" as const,
      eventId: `4200${tag}`,
      amountFen: differs.amountFen,
    }),
  };
  await handleWebhook(db, paid, "", null);
  console.log(
    JSON.stringify({
      companyId,
      finance: { phone: finance.phone, password },
      missing: outTradeNo(missing.id),
      differs: outTradeNo(differs.id),
      amountFen: missing.amountFen,
    }),
  );
} finally {
  client.close();
}
