import { expect, test, type Browser } from "../support/test";
import { execFileSync } from "node:child_process";
import enBilling from "../../../messages/billing/en.json" with { type: "json" };
import zhBilling from "../../../messages/billing/zh-CN.json" with { type: "json" };
import { fakeMerchant, WechatPayFake } from "../../fakes/wechatpay";
import { e2eDatabaseUrl } from "../support/db";
import { signInThroughForm } from "../support/factories";

/** The last 4 characters of a PEM key's base64 body (what the settings page may show). */
const pemTail = (pem: string) =>
  pem
    .replace(/-----[^-]+-----/g, "")
    .replace(/\s+/g, "")
    .slice(-4);

/*
 * WeChat Pay v3 end to end against the local fake gateway (tests/fakes/wechatpay.ts), started here:
 * the admin of a company of its own enters the merchant credentials, then a resident pays a bill
 * through the H5 flow — the fake's pay page, its signed notification to our notify URL, the return page.
 */

interface Seeded {
  companyId: number;
  admin: { phone: string; password: string };
  resident: { phone: string; password: string };
}

const merchant = fakeMerchant("1900000109");
const fake = new WechatPayFake([merchant]);
let seeded: Seeded;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  await fake.start();
  const out = execFileSync("npx", ["tsx", "tests/e2e/billing/seed-wechatpay.ts"], {
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl() },
    encoding: "utf8",
  });
  seeded = JSON.parse(out.trim().split("\n").pop()!) as Seeded;
});
test.afterAll(() => fake.stop());

async function signedIn(
  browser: Browser,
  who: { phone: string; password: string },
  locale: "en" | "zh-CN",
  width = 1280,
) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: test.info().project.use.baseURL as string }]);
  const page = await context.newPage();
  await signInThroughForm(page, who.phone, who.password, locale);
  await expect(page).not.toHaveURL(/\/sign-in/);
  return page;
}

test("the admin enters the WeChat Pay merchant credentials; the secrets are never shown back (en)", async ({
  browser,
}) => {
  const t = enBilling.accounts;
  const page = await signedIn(browser, seeded.admin, "en");
  await page.goto("/staff/billing/payments");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.title);
  await expect(page.getByTestId("resident-provider")).toContainText(t.providers.sandbox);
  const form = page.getByRole("form", { name: t.wechat.title });
  await form.getByLabel(t.enabled).check();
  await form.getByLabel(t.useForResidents).check();
  await form.getByLabel(t.wechat.baseUrl).fill(fake.baseUrl);
  await form.getByLabel(t.wechat.mchId).fill(merchant.mchId);
  await form.getByLabel(t.wechat.appId).fill("wxd678efh567hg6787");
  await form.getByLabel(t.wechat.serialNo).fill(merchant.serialNo);
  await form.getByLabel(t.wechat.platformSerial).fill(fake.platformSerial);
  await form.getByLabel(t.wechat.platformPublicKey).fill(fake.platform.publicKey);
  await form.getByLabel(t.wechat.privateKey).fill(merchant.privateKey);
  // A wrong APIv3 key length is refused at the field, nothing saved.
  await form.getByLabel(t.wechat.apiV3Key).fill("too-short");
  await form.getByRole("button", { name: t.save }).click();
  await expect(form.getByText(t.errors.apiV3Key)).toBeVisible();
  await form.getByLabel(t.wechat.apiV3Key).fill(fake.apiV3Key);
  await form.getByRole("button", { name: t.save }).click();
  await expect(page.getByTestId("resident-provider")).toContainText(t.providers.wechatpay);
  const last4 = pemTail(merchant.privateKey);
  await expect(form.getByText(t.secretSet.replace("{last4}", last4))).toBeVisible();
  await expect(form.getByText(t.secretSet.replace("{last4}", fake.apiV3Key.slice(-4)))).toBeVisible();
  await expect(form.getByLabel(t.wechat.privateKey)).toHaveValue("");
  await page.reload();
  const html = await page.content();
  expect(html).not.toContain(merchant.privateKey.split("\n")[1]);
  expect(html).not.toContain(fake.apiV3Key);
  await page.screenshot({ path: test.info().outputPath("wechatpay-settings.png"), fullPage: true });
  await page.context().close();
});

test("a resident pays a bill through WeChat Pay H5: the fake's pay page, the notification, the receipt (375 px, zh)", async ({
  browser,
}) => {
  const b = zhBilling;
  const page = await signedIn(browser, seeded.resident, "zh-CN", 375);
  await page.goto("/bills");
  const bill = page.getByTestId("unpaid-bill").first();
  await bill.getByRole("button", { name: b.resident.payThis }).click();
  await expect(page).toHaveURL(new RegExp(`^${fake.baseUrl}/fake/h5/[0-9a-f]{32}`));
  await expect(page.getByTestId("amount")).toHaveText("¥123.45");
  await page.getByRole("button", { name: "确认支付" }).click();
  await expect(page).toHaveURL(/\/pay\/online\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("checkout-status")).toHaveText(b.checkout.paid);
  await expect(page.getByTestId("checkout-amount")).toHaveText("¥123.45");
  // The notification reached our notify URL, was verified and decrypted, and was accepted.
  expect(fake.deliveries).toEqual([204]);
  expect(fake.requests.filter((r) => r.path === "/v3/pay/transactions/h5")).toEqual([
    { method: "POST", path: "/v3/pay/transactions/h5", signed: true },
  ]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: test.info().outputPath("wechatpay-return.png"), fullPage: true });
  await page.getByRole("link", { name: b.resident.viewReceipt }).click();
  await expect(page.getByTestId("receipt-total")).toHaveText("¥123.45");
  await page.goto("/bills");
  await expect(page.getByTestId("unpaid-bill")).toHaveCount(0);
  await page.context().close();
});
