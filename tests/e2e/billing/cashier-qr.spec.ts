import { expect, test, type Browser } from "../support/test";
import { execFileSync } from "node:child_process";
import enBilling from "../../../messages/billing/en.json" with { type: "json" };
import { AlipayFake } from "../../fakes/alipay";
import { fakeMerchant, generateRsaKeys, WechatPayFake } from "../../fakes/wechatpay";
import { e2eDatabaseUrl } from "../support/db";
import { signInThroughForm } from "../support/factories";

/*
 * The cashier's QR payments end to end (English), against the local WeChat Pay and Alipay fakes:
 * a company of its own (two months owed), its admin enters both merchant accounts, takes a WeChat
 * Native QR payment and an Alipay precreate QR payment — the fake "scans and pays" — and finance
 * refunds part of the WeChat payment through the provider.
 */

interface Login {
  phone: string;
  password: string;
}
interface Seeded {
  companyId: number;
  householdId: number;
  admin: Login;
  finance: Login;
}

const t = enBilling;
const merchant = fakeMerchant("1900000409");
const wechat = new WechatPayFake([merchant]);
const app = { appId: "2021000122600409", ...generateRsaKeys() };
const alipay = new AlipayFake([{ appId: app.appId, publicKey: app.publicKey }]);
let seeded: Seeded;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  await Promise.all([wechat.start(), alipay.start()]);
  const out = execFileSync("npx", ["tsx", "tests/e2e/billing/seed-wechatpay.ts"], {
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl(), SEED_MONTHS: "2" },
    encoding: "utf8",
  });
  seeded = JSON.parse(out.trim().split("\n").pop()!) as Seeded;
});
test.afterAll(() => Promise.all([wechat.stop(), alipay.stop()]));

async function signedIn(browser: Browser, who: Login) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: test.info().project.use.baseURL as string }]);
  const page = await context.newPage();
  await signInThroughForm(page, who.phone, who.password, "en");
  await expect(page).not.toHaveURL(/\/sign-in/);
  return page;
}

test("the cashier takes a WeChat Native and an Alipay precreate QR payment; finance refunds part (en)", async ({
  browser,
}) => {
  test.slow(); // two merchant accounts entered through the form, two QR payments and a refund in one flow
  const a = t.accounts;
  const page = await signedIn(browser, seeded.admin);
  await page.goto("/staff/billing/payments");
  const wx = page.getByRole("form", { name: a.wechat.title });
  await wx.getByLabel(a.enabled).check();
  await wx.getByLabel(a.wechat.baseUrl).fill(wechat.baseUrl);
  await wx.getByLabel(a.wechat.mchId).fill(merchant.mchId);
  await wx.getByLabel(a.wechat.appId).fill("wxd678efh567hg6787");
  await wx.getByLabel(a.wechat.serialNo).fill(merchant.serialNo);
  await wx.getByLabel(a.wechat.platformSerial).fill(wechat.platformSerial);
  await wx.getByLabel(a.wechat.platformPublicKey).fill(wechat.platform.publicKey);
  await wx.getByLabel(a.wechat.privateKey).fill(merchant.privateKey);
  await wx.getByLabel(a.wechat.apiV3Key).fill(wechat.apiV3Key);
  await wx.getByRole("button", { name: a.save }).click();
  await expect(wx.getByLabel(a.wechat.privateKey)).toHaveValue("");
  const ali = page.getByRole("form", { name: a.alipay.title });
  await ali.getByLabel(a.enabled).check();
  await ali.getByLabel(a.alipay.appId).fill(app.appId);
  await ali.getByLabel(a.alipay.gateway).fill(alipay.gateway);
  await ali.getByLabel(a.alipay.alipayPublicKey).fill(alipay.alipay.publicKey);
  await ali.getByLabel(a.alipay.appPrivateKey).fill(app.privateKey);
  await ali.getByRole("button", { name: a.save }).click();
  await expect(ali.getByLabel(a.alipay.appPrivateKey)).toHaveValue("");

  // WeChat Native: only the older bill ticked; the amount comes from it on the server.
  await page.goto(`/staff/billing/cashier?household=${seeded.householdId}`);
  const desk = page.getByRole("region", { name: t.desk.title });
  const bills = desk.getByRole("checkbox");
  await expect(bills).toHaveCount(2);
  await bills.nth(1).uncheck();
  await desk.getByRole("button", { name: t.desk.show.wechatpay }).click();
  const qr = page.getByTestId("desk-qr");
  await expect(qr.getByRole("img", { name: t.desk.scan.wechatpay.replace("{amount}", "¥123.45") })).toBeVisible();
  await expect(qr).toContainText("¥123.45");
  expect(await qr.locator("svg").count()).toBe(1);
  const wxSession = (await qr.getAttribute("data-session"))!;
  expect(await qr.getAttribute("data-qr")).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
  await page.screenshot({ path: test.info().outputPath("cashier-wechat-qr.png"), fullPage: true });
  const order = wechat.orders.get(wxSession.replace(/-/g, ""))!;
  expect(order).toMatchObject({ type: "native", amountFen: 12_345 });
  // The payer scans and pays: the fake notifies our notify URL; the screen turns to the receipt.
  expect(await wechat.deliver(wechat.pay(order.outTradeNo), order.notifyUrl)).toBe(204);
  const paid = page.getByTestId("desk-paid");
  await expect(paid).toContainText(t.desk.paid.replace("{amount}", "¥123.45"));
  await page.screenshot({ path: test.info().outputPath("cashier-wechat-paid.png"), fullPage: true });
  // The WeChat payment's receipt link: finance refunds that payment below (the Alipay one is newer).
  const wxReceipt = (await paid.getByRole("link", { name: t.desk.receipt }).getAttribute("href"))!;
  expect(wxReceipt).toMatch(/^\/staff\/billing\/receipts\/\d+$/);
  await paid.getByRole("link", { name: t.cashier.nextCustomer }).click();
  await expect(page).toHaveURL(/\/staff\/billing\/cashier$/);
  // The receipt names the desk method and the cashier as the one who received it (not "paid online by").
  await page.goto(wxReceipt);
  await expect(page.getByText(t.method.wechat)).toBeVisible();
  await expect(page.getByText(t.receipt.cashier)).toBeVisible();
  await expect(page.getByText(t.receipt.paidOnlineBy)).toHaveCount(0);

  // Alipay precreate for the other bill; the payer pays, the screen's poll finds it.
  await page.goto(`/staff/billing/cashier?household=${seeded.householdId}`);
  await expect(desk.getByRole("checkbox")).toHaveCount(1);
  await desk.getByRole("button", { name: t.desk.show.alipay }).click();
  await expect(qr).toContainText("¥123.45");
  const aliSession = (await qr.getAttribute("data-session"))!;
  expect(await qr.getAttribute("data-qr")).toContain("qr.alipay.com");
  alipay.pay(aliSession.replace(/-/g, ""));
  await expect(paid).toContainText(t.desk.paid.replace("{amount}", "¥123.45"));
  await page.goto(`/staff/billing/cashier?household=${seeded.householdId}`);
  // English money reads CN¥ (Intl), Chinese ¥.
  await expect(page.getByTestId("outstanding")).toHaveText(/^(CN)?¥0\.00$/);
  await page.context().close();

  // Finance refunds ¥23.45 of the WeChat payment through WeChat Pay.
  const fin = await signedIn(browser, seeded.finance);
  await fin.goto(`/staff/billing/households/${seeded.householdId}`);
  const rows = fin.getByTestId("payment-row");
  await expect(rows).toHaveCount(2);
  const row = rows.filter({ has: fin.locator(`a[href="${wxReceipt}"]`) });
  // Desk QR payments are the cashier's WeChat / Alipay payments, not a resident's "online" one.
  await expect(row).toContainText(t.method.wechat);
  await expect(rows.filter({ hasNot: fin.locator(`a[href="${wxReceipt}"]`) })).toContainText(t.method.alipay);
  await row.getByText(t.account.refund, { exact: true }).first().click();
  await row.getByLabel(t.account.refundAmount).fill("23.45");
  await row.getByLabel(t.common.reason).fill("Partial refund at the desk");
  await row.getByRole("button", { name: t.account.refund }).click();
  await expect(fin.getByTestId("correction-row")).toHaveCount(1);
  await expect(fin.getByTestId("correction-row")).toContainText("Partial refund at the desk");
  expect([...wechat.refunds.values()].map((r) => r.refundFen)).toEqual([2_345]);
  await fin.context().close();
});
