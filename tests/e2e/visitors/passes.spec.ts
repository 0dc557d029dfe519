import { hash } from "@node-rs/argon2";
import { expect, test, type Browser } from "../support/test";
import { openDb } from "../../../lib/db/client";
import { PRIVACY_NOTICE_VERSION } from "../../../lib/privacy/rules";
import { dateToZonedLocal } from "../../../lib/time/zone";
import enVisitors from "../../../messages/visitors/en.json" with { type: "json" };
import zhVisitors from "../../../messages/visitors/zh-CN.json" with { type: "json" };
import { authFile, demo } from "../support/demo";
import { signInThroughForm, uniquePhone, uniqueTag } from "../support/factories";
import { createTestHousehold } from "../support/households";
import { LOCALES, type Locale } from "../support/messages";
import { e2eDatabaseUrl } from "../residents/support";

/**
 * 访客通行 at 375 px, both languages: a resident makes a one-time pass and opens its link, the
 * gate reads the link's QR code from a photo, admits the visitor once and refuses the second
 * scan; the resident sees the entry.
 */

const mobile = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
const signedOut = { storageState: { cookies: [], origins: [] } };
const words = (locale: Locale) => (locale === "en" ? enVisitors : zhVisitors);

/** A resident of a brand-new household of the demo company who has accepted the privacy notice. */
async function newResident(): Promise<{ phone: string; password: string }> {
  const client = openDb(e2eDatabaseUrl()).client;
  try {
    const h = await createTestHousehold(client, { butlerPhone: demo("butler").phone });
    const password = `Pw-${uniqueTag()}-2026`;
    const phone = uniquePhone();
    const now = Date.now();
    const user = await client.execute({
      sql: `insert into users (name, phone, password_hash, session_version, active, created_at, updated_at) values (?, ?, ?, 1, 1, ?, ?) returning id`,
      args: [`访客主人${uniqueTag().slice(0, 4)}`, phone, await hash(password), now, now],
    });
    const userId = Number(user.rows[0].id);
    await client.batch([
      {
        sql: `insert into memberships (company_id, user_id, role, created_at) values (?, ?, 'resident', ?)`,
        args: [h.companyId, userId, now],
      },
      {
        sql: `insert into resident_links (company_id, user_id, household_id, relation, status, created_at, updated_at) values (?, ?, ?, 'owner', 'approved', ?, ?)`,
        args: [h.companyId, userId, h.householdId, now, now],
      },
      {
        sql: `insert into consent_records (company_id, user_id, document, version, created_at) values (?, ?, 'privacy_notice', ?, ?)`,
        args: [h.companyId, userId, PRIVACY_NOTICE_VERSION, now],
      },
    ]);
    return { phone, password };
  } finally {
    client.close();
  }
}

async function context(browser: Browser, locale: Locale, options: Parameters<Browser["newContext"]>[0]) {
  const ctx = await browser.newContext({ ...mobile, ...options });
  await ctx.addCookies([{ name: "NEXT_LOCALE", value: locale, url: test.info().project.use.baseURL as string }]);
  return ctx;
}

for (const locale of LOCALES) {
  test(`a resident creates a pass and the gate admits the visitor once (${locale})`, async ({ browser }) => {
    test.slow(); // a sign-in, two phones and a signed-out visitor, each page compiled on first use on a loaded machine
    const v = words(locale);
    const person = await newResident();
    const visitor = `Anna ${uniqueTag().slice(0, 5)}`;

    const resident = await (await context(browser, locale, signedOut)).newPage();
    await signInThroughForm(resident, person.phone, person.password, locale);
    await expect(resident).toHaveURL(/\/home$/, { timeout: 20_000 });
    await resident.goto("/visitors");
    await expect(resident.getByRole("heading", { level: 1 })).toHaveText(v.title);
    // Bad input: the end before the start is refused at the field, nothing is made.
    const now = Date.now();
    const local = (ms: number) => dateToZonedLocal(new Date(ms), "Asia/Shanghai");
    await resident.getByLabel(v.visitorName, { exact: true }).fill(visitor);
    await resident.getByLabel(v.plate, { exact: true }).fill("粤b 12345");
    await resident.getByLabel(v.validFrom, { exact: true }).fill(local(now - 3_600_000));
    await resident.getByLabel(v.validUntil, { exact: true }).fill(local(now - 7_200_000));
    await resident.getByRole("button", { name: v.create }).click();
    await expect(resident.getByText(v.errors.windowOrder)).toBeVisible();
    await resident.getByLabel(v.validUntil, { exact: true }).fill(local(now + 4 * 3_600_000));
    await resident.getByRole("button", { name: v.create }).click();
    await expect(resident).toHaveURL(/\/visitors\/\d+$/);
    await expect(resident.getByTestId("pass-state")).toHaveText(v.state.valid);
    await resident.screenshot({ path: test.info().outputPath(`pass-${locale}.png`), fullPage: true });
    const link = await resident.getByTestId("pass-link").inputValue();

    // The visitor opens the link signed out: the first name only, the QR code.
    const visitorPage = await (await context(browser, locale, signedOut)).newPage();
    await visitorPage.goto(link);
    await expect(visitorPage.getByTestId("public-visitor")).toHaveText(visitor.split(" ")[0]);
    await expect(visitorPage.getByText("12345")).toHaveCount(0);
    await visitorPage.screenshot({ path: test.info().outputPath(`link-${locale}.png`), fullPage: true });
    const qr = await visitorPage.getByTestId("pass-qr").screenshot();

    // The gate reads the QR code from a photo, admits once, and refuses the second scan.
    const gate = await (await context(browser, locale, { storageState: authFile("front_desk") })).newPage();
    await gate.goto("/staff/gate");
    await expect(gate.getByRole("heading", { level: 1 })).toHaveText(v.gate.title);
    const photo = { name: "pass.png", mimeType: "image/png", buffer: qr };
    await gate.getByTestId("gate-photo").setInputFiles(photo);
    await expect(gate.getByTestId("gate-state")).toHaveText(v.state.valid);
    await expect(gate.getByTestId("gate-result")).toContainText(visitor);
    await expect(gate.getByTestId("gate-result")).toContainText("粤B12345");
    await gate.getByRole("button", { name: v.gate.admit }).click();
    await expect(gate.getByTestId("gate-state")).toHaveText(v.state.admitted);
    await gate.screenshot({ path: test.info().outputPath(`gate-admitted-${locale}.png`), fullPage: true });
    await gate.getByRole("button", { name: v.gate.next }).click();
    await gate.getByTestId("gate-photo").setInputFiles(photo);
    await expect(gate.getByTestId("gate-state")).toHaveText(v.state.used);
    await expect(gate.getByRole("button", { name: v.gate.admit })).toHaveCount(0);
    await gate.screenshot({ path: test.info().outputPath(`gate-used-${locale}.png`), fullPage: true });

    // The resident sees the entry; the pass is used up.
    await resident.reload();
    await expect(resident.getByTestId("pass-state")).toHaveText(v.state.used);
    await expect(resident.getByTestId("pass-entries").locator("li")).toHaveCount(1);
  });
}
