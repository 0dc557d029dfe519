import fs from "node:fs/promises";
import { expect, test, type Browser } from "../support/test";
import { unzipSync } from "fflate";
import { authFile } from "../support/demo";
import {
  fillSignUp,
  formAlert,
  newCompanyInput,
  signInThroughForm,
  uniquePhone,
  uniqueTag,
} from "../support/factories";
import { fill, LOCALES, messages, privacyMessages, type Locale } from "../support/messages";
import { newHouseholdOfDemoButler, residentsMessages, sloppy } from "../residents/support";
import { residentWithoutConsent } from "./support";

/**
 * Residents' rights (PIPL) and tenant exit, in both languages: a resident registers accepting
 * the privacy notice, reads and downloads their data, asks for a correction (rejected with a
 * reason they see) and a deletion (accepted: the account is anonymized and cannot sign in);
 * an admin of a new company exports everything and schedules (then cancels) the closure.
 */

const mobile = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
const signedOut = { storageState: { cookies: [], origins: [] } };

async function context(browser: Browser, locale: Locale, options: Parameters<Browser["newContext"]>[0]) {
  const ctx = await browser.newContext(options);
  await ctx.addCookies([{ name: "NEXT_LOCALE", value: locale, url: test.info().project.use.baseURL as string }]);
  return ctx;
}

for (const locale of LOCALES) {
  test(`a resident registers accepting the notice, sees and downloads their data, and has a correction and a deletion handled (${locale})`, async ({
    browser,
  }) => {
    test.slow();
    const p = privacyMessages(locale);
    const r = residentsMessages(locale).register;
    const household = await newHouseholdOfDemoButler();
    const person = { name: `隐私${uniqueTag().slice(0, 4)}`, phone: uniquePhone(), password: `Pw-${uniqueTag()}-2026` };

    const page = await (await context(browser, locale, { ...signedOut, ...mobile })).newPage();
    await page.goto("/register");
    await page.getByLabel(r.code, { exact: true }).fill(sloppy(household.code));
    await page.getByText(residentsMessages(locale).relation.owner, { exact: true }).click();
    await page.getByLabel(r.name, { exact: true }).fill(person.name);
    await page.getByLabel(r.phone, { exact: true }).fill(person.phone);
    await page.getByLabel(r.password, { exact: true }).fill(person.password);
    // Without the notice accepted, nothing is sent.
    await page.getByRole("button", { name: r.submit, exact: true }).click();
    await expect(page.getByText(p.errors.mustAccept)).toBeVisible();
    await expect(page).toHaveURL(/\/register$/);
    await page.getByLabel(p.notice.accept, { exact: true }).check();
    await page.getByRole("button", { name: r.submit, exact: true }).click();
    await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 });

    await page.goto("/me");
    await page.getByTestId("my-data-entry").click();
    await expect(page).toHaveURL(/\/me\/data$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(p.myData.title);
    await expect(page.getByTestId("data-account")).toContainText(person.phone);
    await page.getByTestId("data-consents").locator("summary").click();
    await expect(page.getByTestId("data-consents")).toContainText("privacy_notice");
    await page.screenshot({ path: test.info().outputPath(`my-data-${locale}.png`), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: p.myData.downloadJson }).click(),
    ]);
    const json = JSON.parse(await fs.readFile((await download.path())!, "utf8"));
    expect(json.account).toEqual([expect.objectContaining({ name: person.name, phone: person.phone })]);
    expect(json.consents).toEqual([expect.objectContaining({ document: "privacy_notice", version: 1 })]);
    expect(JSON.stringify(json)).not.toContain("passwordHash");

    // A correction, rejected with a reason the resident then reads.
    await page.getByText(p.requests.kind.correction, { exact: true }).click();
    await page.getByLabel(p.requests.details, { exact: true }).fill("姓名写错了 / name misspelt");
    await page.getByRole("button", { name: p.requests.submit }).click();
    await expect(page.getByRole("status").filter({ hasText: p.requests.sent })).toBeVisible();
    await expect(page.getByTestId("my-privacy-request").first()).toContainText(p.requests.status.open);

    const desk = await (await context(browser, locale, { storageState: authFile("front_desk") })).newPage();
    await desk.goto("/staff/privacy");
    await expect(desk.getByRole("heading", { level: 1 })).toHaveText(p.staff.title);
    const correction = desk
      .getByTestId("privacy-request-row")
      .filter({ hasText: person.phone })
      .filter({ hasText: p.requests.kind.correction });
    const reason = `与房产证一致 ${uniqueTag()}`;
    await correction.getByLabel(p.staff.reason).fill(reason);
    await correction.getByRole("button", { name: p.staff.reject, exact: true }).click();
    await expect(correction).toContainText(p.requests.status.rejected);

    await page.reload();
    await expect(page.getByTestId("my-privacy-request").first()).toContainText(p.requests.status.rejected);
    await expect(page.getByTestId("my-privacy-request").first()).toContainText(fill(p.requests.reason, { reason }));

    // A deletion, accepted: the account is anonymized and signed out for good.
    await page.getByText(p.requests.kind.deletion, { exact: true }).click();
    await expect(page.getByText(fill(p.requests.deletionHelp, { years: 30 }))).toBeVisible();
    await page.getByLabel(p.requests.details, { exact: true }).fill("已搬走 / moved out");
    await page.getByRole("button", { name: p.requests.submit }).click();
    await expect(page.getByRole("status").filter({ hasText: p.requests.sent })).toBeVisible();

    await desk.reload();
    const deletion = desk
      .getByTestId("privacy-request-row")
      .filter({ hasText: person.phone })
      .filter({ hasText: p.requests.kind.deletion });
    const id = await deletion.getAttribute("data-request-id");
    await deletion.getByRole("button", { name: p.staff.accept, exact: true }).click();
    const decided = desk.locator(`[data-request-id="${id}"]`);
    await expect(decided).toContainText(p.requests.status.accepted);
    await expect(decided).not.toContainText(person.phone);

    await page.goto("/me/data");
    await expect(page).toHaveURL(/\/sign-in/);
    await signInThroughForm(page, person.phone, person.password, locale);
    await expect(formAlert(page)).toHaveText(messages(locale).auth.invalidCredentials);
  });

  test(`a company admin accepts the agreement, exports all data and schedules the closure (${locale})`, async ({
    browser,
  }) => {
    test.slow();
    const p = privacyMessages(locale);
    const company = newCompanyInput();
    const page = await (await context(browser, locale, signedOut)).newPage();
    await page.goto("/sign-up");
    await fillSignUp(page, company, locale);
    await expect(page).toHaveURL(/\/staff$/, { timeout: 20_000 });

    await page.goto("/staff/admin/privacy");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(p.exit.title);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: p.exit.export }).click(),
    ]);
    const files = unzipSync(await fs.readFile((await download.path())!));
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(["companies.json", "users.json", "bills.json", "consent_records.json", "audit_log.json"]),
    );
    const [row] = JSON.parse(Buffer.from(files["companies.json"]).toString("utf8"));
    expect(row.name).toBe(company.companyName);
    const consents = JSON.parse(Buffer.from(files["consent_records.json"]).toString("utf8"));
    expect(consents).toEqual([expect.objectContaining({ document: "dpa", version: 1 })]);

    await page.getByLabel(p.exit.confirmName).fill("not the name");
    await page.getByRole("button", { name: p.exit.close, exact: true }).click();
    await expect(page.getByText(p.errors.nameMismatch)).toBeVisible();
    await page.getByLabel(p.exit.confirmName).fill(company.companyName);
    await page.getByRole("button", { name: p.exit.close, exact: true }).click();
    await expect(page.getByTestId("closure-status")).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`company-exit-${locale}.png`), fullPage: true });
    // The admin can still work and cancel.
    await page.getByRole("button", { name: p.exit.cancel, exact: true }).click();
    await expect(page.getByRole("button", { name: p.exit.close, exact: true })).toBeVisible();
    await expect(page.getByTestId("closure-status")).toHaveCount(0);
  });
}

test("a resident who has not accepted the current notice accepts it before using the portal", async ({ browser }) => {
  const p = privacyMessages();
  const resident = await residentWithoutConsent();
  const page = await (await context(browser, "zh-CN", { ...signedOut, ...mobile })).newPage();
  await signInThroughForm(page, resident.phone, resident.password);
  await expect(page).toHaveURL(/\/privacy\/consent$/, { timeout: 20_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(p.notice.title);
  await page.goto("/bills");
  await expect(page).toHaveURL(/\/privacy\/consent$/);
  await page.getByRole("button", { name: p.notice.continue }).click();
  await expect(page).toHaveURL(/\/home$/);
  await page.goto("/bills");
  await expect(page).toHaveURL(/\/bills$/);
});

test("the privacy pages refuse other roles and signed-out visitors", async ({ browser, request }) => {
  const as = async (role: "technician" | "resident" | "front_desk") =>
    (await browser.newContext({ storageState: authFile(role) })).request;
  expect((await (await as("technician")).get("/staff/privacy")).status()).toBe(403);
  expect((await (await as("front_desk")).get("/staff/admin/privacy")).status()).toBe(403);
  expect((await (await as("resident")).get("/staff/admin/privacy/export")).status()).toBe(403);
  expect((await (await as("front_desk")).get("/me/data/json")).status()).toBe(403);
  const anonymous = await request.get("/me/data/json", { maxRedirects: 0 });
  expect([307, 401]).toContain(anonymous.status());
  expect((await request.get("/privacy")).status()).toBe(200);
});
