import { expect, test, type Browser } from "../support/test";
import { and, eq } from "drizzle-orm";
import { execFileSync } from "node:child_process";
import { outboxMessages } from "../../../db/schema";
import enBilling from "../../../messages/billing/en.json" with { type: "json" };
import zhBilling from "../../../messages/billing/zh-CN.json" with { type: "json" };
import enMessaging from "../../../messages/messaging/en.json" with { type: "json" };
import { E2E_SMS_PORT } from "../../../playwright.config";
import { AlipayFake } from "../../fakes/alipay";
import { fakeMerchant, generateRsaKeys, WechatPayFake } from "../../fakes/wechatpay";
import { startSmsFake } from "../../support/sms-fake";
import { e2eDatabaseUrl, withE2eDb } from "../support/db";
import { signInThroughForm } from "../support/factories";

/*
 * A resident pays through each provider's fake end to end and gets the SMS receipt (issue 18): the
 * admin of a company of its own enters the Alipay app and the Aliyun SMS keys with the receipt's
 * template code; the resident (375 px) pays a bill on the Alipay fake's wap page, the fake's
 * RSA2-signed notification reaches our notify URL, and the receipt SMS goes through the outbox to
 * the Aliyun SMS fake (which checks the ACS3 signature) as the registered template with its
 * parameters — once in Chinese, once in English. Then the admin makes WeChat Pay the residents'
 * provider and the resident pays the third bill through the WeChat Pay v3 H5 flow (the fake's pay
 * page, its signed and encrypted notification), with the same SMS receipt. One file, run serially:
 * the test server sends SMS to one port (E2E_SMS_PORT), where this file's fake listens.
 */

interface Login {
  phone: string;
  password: string;
}
interface Seeded {
  companyId: number;
  admin: Login;
  resident: Login;
}

const app = { appId: "2021000122600509", ...generateRsaKeys() };
const alipay = new AlipayFake([{ appId: app.appId, publicKey: app.publicKey }]);
const merchant = fakeMerchant("1900000109");
const wechatpay = new WechatPayFake([merchant]);
const SMS_KEY = { id: "LTAI5tE2eAlipay0509", secret: "e2e-aliyun-secret-0509" };
const RECEIPT_TEMPLATE = "SMS_465000509";
let sms: Awaited<ReturnType<typeof startSmsFake>>;
let seeded: Seeded;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  [sms] = await Promise.all([
    startSmsFake({ [SMS_KEY.id]: SMS_KEY.secret }, E2E_SMS_PORT),
    alipay.start(),
    wechatpay.start(),
  ]);
  const out = execFileSync("npx", ["tsx", "tests/e2e/billing/seed-wechatpay.ts"], {
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl(), SEED_MONTHS: "3" },
    encoding: "utf8",
  });
  seeded = JSON.parse(out.trim().split("\n").pop()!) as Seeded;
});
test.afterAll(() => Promise.all([sms?.close(), alipay.stop(), wechatpay.stop()]));

async function signedIn(browser: Browser, who: Login, locale: "en" | "zh-CN", width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: test.info().project.use.baseURL as string }]);
  const page = await context.newPage();
  await signInThroughForm(page, who.phone, who.password, locale);
  await expect(page).not.toHaveURL(/\/sign-in/);
  return page;
}

/** The last 4 characters of a PEM key's base64 body (what the settings page may show). */
const pemTail = (pem: string) =>
  pem
    .replace(/-----[^-]+-----/g, "")
    .replace(/\s+/g, "")
    .slice(-4);

test("the admin enters the Alipay app for residents and the Aliyun SMS keys with the receipt template (en)", async ({
  browser,
}) => {
  const a = enBilling.accounts;
  const m = enMessaging.sms;
  const page = await signedIn(browser, seeded.admin, "en");
  await page.goto("/staff/billing/payments");
  const ali = page.getByRole("form", { name: a.alipay.title });
  await ali.getByLabel(a.enabled).check();
  await ali.getByLabel(a.useForResidents).check();
  await ali.getByLabel(a.alipay.appId).fill(app.appId);
  await ali.getByLabel(a.alipay.gateway).fill(alipay.gateway);
  await ali.getByLabel(a.alipay.alipayPublicKey).fill(alipay.alipay.publicKey);
  await ali.getByLabel(a.alipay.appPrivateKey).fill(app.privateKey);
  await ali.getByRole("button", { name: a.save }).click();
  await expect(page.getByTestId("resident-provider")).toContainText(a.providers.alipay);
  await expect(ali.getByLabel(a.alipay.appPrivateKey)).toHaveValue("");

  await page.goto("/staff/admin/messages");
  const form = page.getByRole("form", { name: m.title });
  await form.getByLabel(m.provider).selectOption({ label: m.providers.aliyun });
  await form.getByLabel(m.signName).fill("管家物业");
  await form.getByLabel(m.keyId).fill(SMS_KEY.id);
  await form.getByLabel(m.keySecret).fill(SMS_KEY.secret);
  await form.getByLabel(m.kinds.receipt, { exact: true }).fill(RECEIPT_TEMPLATE);
  // No quiet hours (the same time twice): the receipt goes at once whenever this test runs.
  await form.getByLabel(m.quietStart).selectOption({ label: "00:00" });
  await form.getByLabel(m.quietEnd).selectOption({ label: "00:00" });
  await form.getByRole("button", { name: m.save }).click();
  await expect(form.getByText(m.keySet.replace("{last4}", SMS_KEY.id.slice(-4)))).toBeVisible();
  expect(await page.content()).not.toContain(SMS_KEY.secret);
  await page.context().close();
});

for (const locale of ["zh-CN", "en"] as const) {
  test(`a resident pays a bill through Alipay wap and receives the SMS receipt (375 px, ${locale})`, async ({
    browser,
  }) => {
    const b = locale === "en" ? enBilling : zhBilling;
    const sentBefore = sms.sent.length;
    const page = await signedIn(browser, seeded.resident, locale, 375);
    await page.goto("/bills");
    await page.getByTestId("unpaid-bill").first().getByRole("button", { name: b.resident.payThis }).click();
    // The fake's wap page (alipay.trade.wap.pay, our RSA2 signature checked by the fake).
    await expect(page).toHaveURL(new RegExp(`^${alipay.baseUrl}/`));
    await expect(page.getByTestId("amount")).toHaveText("¥123.45");
    await page.getByRole("button", { name: "确认付款" }).click();
    await expect(page).toHaveURL(/\/pay\/online\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("checkout-status")).toHaveText(b.checkout.paid);
    await expect(page.getByTestId("checkout-amount")).toHaveText(/^(CN)?¥123\.45$/);
    // Alipay's notification was verified and acknowledged with "success".
    expect(alipay.deliveries.at(-1)).toEqual({ status: 200, body: "success" });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: test.info().outputPath(`alipay-return-${locale}.png`), fullPage: true });
    await page.getByRole("link", { name: b.resident.viewReceipt }).click();
    await expect(page.getByTestId("receipt-total")).toHaveText(/^(CN)?¥123\.45$/);
    const receiptNo = await receiptNoOfLastSms(seeded.resident.phone, sentBefore);

    // The receipt SMS left through the outbox (sent right after the notification) as the company's template.
    await expect.poll(() => sms.sent.length).toBe(sentBefore + 1);
    expect(sms.sent.at(-1)).toMatchObject({
      provider: "aliyun",
      to: seeded.resident.phone,
      signName: "管家物业",
      templateCode: RECEIPT_TEMPLATE,
      params: { receiptNo, amount: "123.45" },
    });
    await page.context().close();
  });
}

test("the admin enters the WeChat Pay merchant credentials; the secrets are never shown back (en)", async ({
  browser,
}) => {
  const t = enBilling.accounts;
  const page = await signedIn(browser, seeded.admin, "en");
  await page.goto("/staff/billing/payments");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.title);
  await expect(page.getByTestId("resident-provider")).toContainText(t.providers.alipay);
  const form = page.getByRole("form", { name: t.wechat.title });
  await form.getByLabel(t.enabled).check();
  await form.getByLabel(t.useForResidents).check();
  await form.getByLabel(t.wechat.baseUrl).fill(wechatpay.baseUrl);
  await form.getByLabel(t.wechat.mchId).fill(merchant.mchId);
  await form.getByLabel(t.wechat.appId).fill("wxd678efh567hg6787");
  await form.getByLabel(t.wechat.serialNo).fill(merchant.serialNo);
  await form.getByLabel(t.wechat.platformSerial).fill(wechatpay.platformSerial);
  await form.getByLabel(t.wechat.platformPublicKey).fill(wechatpay.platform.publicKey);
  await form.getByLabel(t.wechat.privateKey).fill(merchant.privateKey);
  // A wrong APIv3 key length is refused at the field, nothing saved.
  await form.getByLabel(t.wechat.apiV3Key).fill("too-short");
  await form.getByRole("button", { name: t.save }).click();
  await expect(form.getByText(t.errors.apiV3Key)).toBeVisible();
  await form.getByLabel(t.wechat.apiV3Key).fill(wechatpay.apiV3Key);
  await form.getByRole("button", { name: t.save }).click();
  await expect(page.getByTestId("resident-provider")).toContainText(t.providers.wechatpay);
  const last4 = pemTail(merchant.privateKey);
  await expect(form.getByText(t.secretSet.replace("{last4}", last4))).toBeVisible();
  await expect(form.getByText(t.secretSet.replace("{last4}", wechatpay.apiV3Key.slice(-4)))).toBeVisible();
  await expect(form.getByLabel(t.wechat.privateKey)).toHaveValue("");
  await page.reload();
  const html = await page.content();
  expect(html).not.toContain(merchant.privateKey.split("\n")[1]);
  expect(html).not.toContain(wechatpay.apiV3Key);
  await page.screenshot({ path: test.info().outputPath("wechatpay-settings.png"), fullPage: true });
  await page.context().close();
});

test("a resident pays a bill through WeChat Pay H5 and receives the SMS receipt: the fake's pay page, the notification, the receipt (375 px, zh)", async ({
  browser,
}) => {
  const b = zhBilling;
  const sentBefore = sms.sent.length;
  const page = await signedIn(browser, seeded.resident, "zh-CN", 375);
  await page.goto("/bills");
  const bill = page.getByTestId("unpaid-bill").first();
  await bill.getByRole("button", { name: b.resident.payThis }).click();
  await expect(page).toHaveURL(new RegExp(`^${wechatpay.baseUrl}/fake/h5/[0-9a-f]{32}`));
  await expect(page.getByTestId("amount")).toHaveText("¥123.45");
  await page.getByRole("button", { name: "确认支付" }).click();
  await expect(page).toHaveURL(/\/pay\/online\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("checkout-status")).toHaveText(b.checkout.paid);
  await expect(page.getByTestId("checkout-amount")).toHaveText("¥123.45");
  // The notification reached our notify URL, was verified and decrypted, and was accepted.
  expect(wechatpay.deliveries).toEqual([204]);
  expect(wechatpay.requests.filter((r) => r.path === "/v3/pay/transactions/h5")).toEqual([
    { method: "POST", path: "/v3/pay/transactions/h5", signed: true },
  ]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: test.info().outputPath("wechatpay-return.png"), fullPage: true });
  await page.getByRole("link", { name: b.resident.viewReceipt }).click();
  await expect(page.getByTestId("receipt-total")).toHaveText("¥123.45");
  const receiptNo = await receiptNoOfLastSms(seeded.resident.phone, sentBefore);
  await expect.poll(() => sms.sent.length).toBe(sentBefore + 1);
  expect(sms.sent.at(-1)).toMatchObject({
    provider: "aliyun",
    to: seeded.resident.phone,
    templateCode: RECEIPT_TEMPLATE,
    params: { receiptNo, amount: "123.45" },
  });
  await page.goto("/bills");
  await expect(page.getByTestId("unpaid-bill")).toHaveCount(0);
  await page.context().close();
});

/** The receipt number of the newest receipt SMS queued for `phone` (the outbox row, once it is sent). */
async function receiptNoOfLastSms(phone: string, already: number): Promise<string> {
  let receiptNo = "";
  await expect
    .poll(async () => {
      const rows = await withE2eDb((db) =>
        db
          .select({ params: outboxMessages.params, status: outboxMessages.status })
          .from(outboxMessages)
          .where(
            and(
              eq(outboxMessages.to, phone),
              eq(outboxMessages.channel, "sms"),
              eq(outboxMessages.templateKey, "receipt"),
            ),
          )
          .orderBy(outboxMessages.id),
      );
      receiptNo = rows.length > already ? String(rows.at(-1)!.params.receiptNo) : "";
      return rows.length > already ? rows.at(-1)!.status : "none";
    })
    .toBe("sent");
  return receiptNo;
}
