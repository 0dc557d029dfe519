import { expect, test, type Browser } from "../support/test";
import { and, desc, eq } from "drizzle-orm";
import {
  companies,
  consentRecords,
  memberships,
  messageSettings,
  notificationPreferences,
  outboxMessages,
  users,
} from "../../../db/schema";
import { PRIVACY_NOTICE_VERSION } from "../../../lib/privacy/rules";
import enMessaging from "../../../messages/messaging/en.json" with { type: "json" };
import zhMessaging from "../../../messages/messaging/zh-CN.json" with { type: "json" };
import { WechatMpFake } from "../../fakes/wechat-mp";
import { newCompany } from "../support/companies";
import { withE2eDb } from "../support/db";
import { newCompanyInput, signInThroughForm, uniquePhone, uniqueTag } from "../support/factories";
import { LOCALES, messages, type Locale } from "../support/messages";

/*
 * WeChat official-account sign-in end to end against the local fake (tests/fakes/wechat-mp.ts):
 * the admin of a new company enters the account, its templates and the quiet hours; then, in each
 * language at 375 px, a resident opens the menu link, the fake's authorize page approves, the resident
 * binds by phone code, signs in directly the next time, and turns SMS off for activities.
 */

const APP_ID = "wx0123456789abcdef";
const APP_SECRET = `secret-${uniqueTag()}-0123456789`;
const fake = new WechatMpFake(APP_ID, APP_SECRET);
const admin = newCompanyInput();
let companyId = 0;
const MOBILE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
const text = (locale: Locale) => (locale === "en" ? enMessaging : zhMessaging);

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  await fake.start();
  await newCompany(admin);
  companyId = await withE2eDb(async (db) => {
    const [c] = await db.select({ id: companies.id }).from(companies).where(eq(companies.name, admin.companyName));
    return c.id;
  });
});
test.afterAll(() => fake.stop());

/** A resident of the test company who accepted the privacy notice (signs in only through WeChat here). */
async function newResident(): Promise<string> {
  const phone = uniquePhone();
  await withE2eDb(async (db) => {
    const [u] = await db
      .insert(users)
      .values({ name: `住户${uniqueTag().slice(0, 4)}`, phone, passwordHash: "not-a-real-hash" })
      .returning();
    await db.insert(memberships).values({ companyId, userId: u.id, role: "resident" });
    await db
      .insert(consentRecords)
      .values({ companyId, userId: u.id, document: "privacy_notice", version: PRIVACY_NOTICE_VERSION });
  });
  return phone;
}

async function codeSentTo(phone: string): Promise<string> {
  let code = "";
  await expect
    .poll(async () => {
      const [row] = await withE2eDb((db) =>
        db
          .select({ params: outboxMessages.params })
          .from(outboxMessages)
          .where(and(eq(outboxMessages.to, phone), eq(outboxMessages.templateKey, "signInCode")))
          .orderBy(desc(outboxMessages.id))
          .limit(1),
      );
      code = row ? String(row.params.code) : "";
      return code;
    })
    .toMatch(/^\d{6}$/);
  return code;
}

test("the admin enters the official account, its templates and the quiet hours (en)", async ({ browser }) => {
  const t = enMessaging;
  const context = await browser.newContext();
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: test.info().project.use.baseURL as string }]);
  const page = await context.newPage();
  await signInThroughForm(page, admin.email, admin.password, "en");
  await expect(page).toHaveURL(/\/staff$/);
  await page.goto("/staff/admin/messages");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.settings.title);

  const wechat = page.getByRole("form", { name: t.wechat.title });
  await wechat.getByLabel(t.wechat.enabled).check();
  await wechat.getByLabel(t.wechat.appId).fill(APP_ID);
  await wechat.getByLabel(t.wechat.appSecret).fill(APP_SECRET);
  await wechat.getByLabel(t.wechat.apiBaseUrl).fill(fake.baseUrl);
  await wechat.getByLabel(t.wechat.oauthBaseUrl).fill(fake.baseUrl);
  await wechat.getByLabel(t.wechat.messageApi).selectOption({ label: t.wechat.messageApis.subscribe });
  await wechat.getByLabel(t.wechat.oauthScope).selectOption({ label: t.wechat.oauthScopes.snsapi_userinfo });
  const receipt = wechat.getByRole("group", { name: t.wechat.kinds.receipt });
  await receipt.getByLabel(t.wechat.templateId).fill("TPL-RECEIPT");
  // A parameter the receipt does not have is refused at the field; nothing is saved.
  await receipt.getByLabel(t.wechat.fields).fill("keyword1=title");
  await wechat.getByRole("button", { name: t.wechat.save }).click();
  await expect(receipt.getByText(t.errors.fields)).toBeVisible();
  await receipt.getByLabel(t.wechat.fields).fill("keyword1=receiptNo\nkeyword2=amount");
  const activity = wechat.getByRole("group", { name: t.wechat.kinds.activity });
  await activity.getByLabel(t.wechat.templateId).fill("TPL-ACTIVITY");
  await activity.getByLabel(t.wechat.fields).fill("first=title");
  await wechat.getByRole("button", { name: t.wechat.save }).click();
  await expect(wechat.getByText(t.wechat.secretSet.replace("{last4}", APP_SECRET.slice(-4)))).toBeVisible();
  await expect(wechat.getByLabel(t.wechat.appSecret)).toHaveValue("");

  const sms = page.getByRole("form", { name: t.sms.title });
  await sms.getByLabel(t.sms.quietStart).selectOption({ label: "22:00" });
  await sms.getByLabel(t.sms.quietEnd).selectOption({ label: "07:30" });
  await sms.getByRole("button", { name: t.sms.save }).click();
  await expect(sms.getByRole("status")).toBeVisible();

  await page.reload();
  expect(await page.content()).not.toContain(APP_SECRET);
  await expect(page.getByRole("form", { name: t.sms.title }).getByLabel(t.sms.quietStart)).toHaveValue(String(22 * 60));
  await expect(page.getByRole("group", { name: t.wechat.kinds.receipt }).getByLabel(t.wechat.fields)).toHaveValue(
    "keyword1=receiptNo\nkeyword2=amount",
  );
  await expect(page.getByRole("form", { name: t.wechat.title }).getByLabel(t.wechat.messageApi)).toHaveValue(
    "subscribe",
  );
  await expect(page.getByRole("form", { name: t.wechat.title }).getByLabel(t.wechat.oauthScope)).toHaveValue(
    "snsapi_userinfo",
  );
  const settings = await withE2eDb((db) =>
    db.select().from(messageSettings).where(eq(messageSettings.companyId, companyId)),
  );
  expect(settings.map((s) => [s.quietStartMinute, s.quietEndMinute])).toEqual([[22 * 60, 7 * 60 + 30]]);
  await page.screenshot({ path: test.info().outputPath("message-settings.png"), fullPage: true });
  await context.close();
});

async function mobile(browser: Browser, locale: Locale) {
  const context = await browser.newContext(MOBILE);
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: test.info().project.use.baseURL as string }]);
  return { context, page: await context.newPage() };
}

for (const locale of LOCALES) {
  test(`a resident signs in through WeChat, binds by phone code, then signs in directly; turns SMS off for activities (${locale}, 375 px)`, async ({
    browser,
  }) => {
    const t = text(locale);
    const auth = messages(locale).auth;
    const phone = await newResident();
    fake.openid = `openid-${uniqueTag()}`;
    const { context, page } = await mobile(browser, locale);

    await page.goto(`/wechat/oauth/start?company=${companyId}`);
    // The browser keeps the authorize URL's #wechat_redirect fragment across the redirects (as in WeChat).
    await expect(page).toHaveURL(/\/wechat\/bind(#wechat_redirect)?$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.wechatBind.title);
    await page.getByLabel(auth.phone, { exact: true }).fill(phone);
    await page.getByRole("button", { name: auth.sendCode }).click();
    await expect(page.getByRole("status")).toHaveText(auth.codeSent);
    await page.screenshot({ path: test.info().outputPath(`wechat-bind-${locale}.png`), fullPage: true });
    await page.getByLabel(auth.code, { exact: true }).fill(await codeSentTo(phone));
    await page.getByRole("button", { name: auth.signInButton, exact: true }).click();
    await expect(page).toHaveURL(/\/home(#wechat_redirect)?$/);
    // The account asks for snsapi_userinfo (set by the admin above), yet the nickname is never fetched.
    expect(fake.scopes.at(-1)).toBe("snsapi_userinfo");
    expect(fake.userinfoCalls).toBe(0);

    // Signed out, the same WeChat user is signed in directly.
    await context.clearCookies();
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: test.info().project.use.baseURL as string }]);
    await page.goto(`/wechat/oauth/start?company=${companyId}`);
    await expect(page).toHaveURL(/\/home(#wechat_redirect)?$/);

    await page.goto("/me/notifications");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.preferences.title);
    await expect(page.getByTestId("wechat-binding")).toContainText(t.preferences.wechatBound);
    const smsForActivities = page.getByLabel(`${t.preferences.kinds.activity} · ${t.preferences.channels.sms}`);
    const wechatForActivities = page.getByLabel(`${t.preferences.kinds.activity} · ${t.preferences.channels.wechat}`);
    await expect(wechatForActivities).toBeChecked();
    await smsForActivities.uncheck();
    await expect(page.getByRole("status")).toHaveText(t.preferences.saved);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: test.info().outputPath(`wechat-preferences-${locale}.png`), fullPage: true });
    await page.reload();
    await expect(smsForActivities).not.toBeChecked();
    const prefs = await withE2eDb((db) =>
      db
        .select({ sms: notificationPreferences.sms, wechat: notificationPreferences.wechat })
        .from(notificationPreferences)
        .innerJoin(users, eq(users.id, notificationPreferences.userId))
        .where(and(eq(users.phone, phone), eq(notificationPreferences.kind, "activity"))),
    );
    expect(prefs).toEqual([{ sms: false, wechat: true }]);
    await context.close();
  });
}
