import { expect, test, type Browser, type Page } from "../support/test";
import { authFile, demo } from "../support/demo";
import { uniquePhone, uniqueTag } from "../support/factories";
import { fill, messages, privacyMessages, type Locale } from "../support/messages";
import { newHouseholdOfDemoButler, residentsMessages, sloppy, type FreeHousehold } from "./support";

/**
 * A resident registers with the household code from a bill, waits for the butler, the butler
 * approves on /staff/registrations, and the resident then sees the household.
 */

const mobile = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
const signedOut = { storageState: { cookies: [], origins: [] } };

interface Person {
  name: string;
  phone: string;
  password: string;
}

const newPerson = (): Person => ({
  name: `住户${uniqueTag().slice(0, 4)}`,
  phone: uniquePhone(),
  password: `Pw-${uniqueTag()}-2026`,
});

async function localeContext(browser: Browser, locale: Locale, options: Parameters<Browser["newContext"]>[0]) {
  const context = await browser.newContext(options);
  const baseURL = test.info().project.use.baseURL as string;
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL }]);
  return context;
}

/** Fills and sends the registration form (the page must be on /register). */
async function register(
  page: Page,
  code: string,
  person: Person,
  relation: "owner" | "family" | "tenant",
  locale: Locale = "zh-CN",
) {
  const r = residentsMessages(locale).register;
  await page.getByLabel(r.code, { exact: true }).fill(code);
  await page.getByText(residentsMessages(locale).relation[relation], { exact: true }).click();
  await page.getByLabel(r.name, { exact: true }).fill(person.name);
  await page.getByLabel(r.phone, { exact: true }).fill(person.phone);
  await page.getByLabel(r.password, { exact: true }).fill(person.password);
  await page.getByLabel(privacyMessages(locale).notice.accept, { exact: true }).check();
  await page.getByRole("button", { name: r.submit, exact: true }).click();
}

/** A fresh phone-sized browser that registers the person for the household and lands on /home. */
async function registered(
  browser: Browser,
  household: FreeHousehold,
  person: Person,
  relation: "owner" | "family" | "tenant",
  locale: Locale = "zh-CN",
) {
  const context = await localeContext(browser, locale, { ...signedOut, ...mobile });
  const page = await context.newPage();
  await page.goto("/register");
  await register(page, sloppy(household.code), person, relation, locale);
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 });
  return page;
}

/** The butler's registrations page, in a desktop-sized browser. */
async function butlerPage(browser: Browser, locale: Locale = "zh-CN") {
  const context = await localeContext(browser, locale, {
    storageState: authFile("butler"),
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  await page.goto("/staff/registrations");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(residentsMessages(locale).staff.title);
  return page;
}

test("a resident registers with a household code, the butler approves, the resident sees the household (zh-CN)", async ({
  browser,
}) => {
  const t = messages();
  const r = residentsMessages();
  const household = await newHouseholdOfDemoButler();
  const person = newPerson();

  const context = await browser.newContext({ ...signedOut, ...mobile });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("link", { name: r.register.fromLanding }).click();
  await expect(page).toHaveURL(/\/register$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(r.register.title);

  // A code that is no household's: a clear message, and nothing happens.
  await register(page, "ZZZZ-ZZZZ", person, "family");
  await expect(page.getByText(r.errors.codeInvalid)).toBeVisible();
  await expect(page).toHaveURL(/\/register$/);

  // The code as printed on the bill (typed in lower case with a dash) signs the person in, pending approval.
  await page.getByLabel(r.register.code, { exact: true }).fill(sloppy(household.code));
  await page.getByRole("button", { name: r.register.submit, exact: true }).click();
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 });
  await expect(page.getByText(fill(t.resident.greeting, { name: person.name }))).toBeVisible();
  const request = page.getByTestId("request-card");
  await expect(request).toContainText(r.status.pending);
  await expect(request).toContainText(household.unitLabel);
  await expect(request).toContainText(r.relation.family);
  await expect(page.getByTestId("household-card")).toHaveCount(0);

  // The butler sees it (with a badge in the navigation) and approves it.
  const butler = await butlerPage(browser);
  await expect(butler.getByRole("complementary").getByRole("link", { name: t.nav.registrations })).toContainText(/\d/);
  const row = butler.getByTestId("registration-row").filter({ hasText: person.phone });
  await expect(row).toContainText(person.name);
  await expect(row).toContainText(household.name);
  await expect(row).toContainText(household.unitLabel);
  await expect(row).toContainText(r.relation.family);
  await row.getByRole("button", { name: `${r.staff.approve} ${person.name}` }).click();
  await expect(row).toHaveCount(0);
  await butler.goto("/staff/registrations?status=approved");
  await expect(butler.getByTestId("registration-row").filter({ hasText: person.phone })).toContainText(
    demo("butler").name,
  );

  // The resident now sees the household, and no open request.
  await page.reload();
  const card = page.getByTestId("household-card");
  await expect(card).toContainText(household.name);
  await expect(card).toContainText(household.unitLabel);
  await expect(card).toContainText(r.relation.family);
  await expect(page.getByTestId("request-card")).toHaveCount(0);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, "no horizontal scrolling at 375 px").toBeLessThanOrEqual(0);
});

test("in English: the butler rejects with a reason, which the resident sees", async ({ browser }) => {
  const r = residentsMessages("en");
  const household = await newHouseholdOfDemoButler();
  const person = newPerson();
  const page = await registered(browser, household, person, "tenant", "en");
  await expect(page.getByTestId("request-card")).toContainText(r.status.pending);

  const butler = await butlerPage(browser, "en");
  const row = butler.getByTestId("registration-row").filter({ hasText: person.phone });
  await row.getByRole("button", { name: `${r.staff.reject} ${person.name}` }).click();
  const reason = "Not on the tenancy contract; please bring it to the office.";
  await row.getByLabel(r.staff.reason).fill(reason);
  await row.getByRole("button", { name: r.staff.confirmReject }).click();
  await expect(row).toHaveCount(0);

  await page.reload();
  const request = page.getByTestId("request-card");
  await expect(request).toContainText(r.status.rejected);
  await expect(request).toContainText(fill(r.home.rejectedReason, { reason }));
  await expect(page.getByTestId("household-card")).toHaveCount(0);
});

test("an owner sees the family member linked to the household and removes them", async ({ browser }) => {
  const r = residentsMessages();
  const household = await newHouseholdOfDemoButler();
  const owner = newPerson();
  const member = newPerson();
  const ownerPage = await registered(browser, household, owner, "owner");
  const memberPage = await registered(browser, household, member, "family");

  const butler = await butlerPage(browser);
  for (const person of [owner, member]) {
    const row = butler.getByTestId("registration-row").filter({ hasText: person.phone });
    await row.getByRole("button", { name: `${r.staff.approve} ${person.name}` }).click();
    await expect(row).toHaveCount(0);
  }

  // The family member sees the household but nobody else on it.
  await memberPage.reload();
  await expect(memberPage.getByTestId("household-card")).toContainText(household.name);
  await expect(memberPage.getByText(r.home.people)).toHaveCount(0);

  // The owner sees the family member with a masked phone and removes them.
  await ownerPage.reload();
  const card = ownerPage.getByTestId("household-card");
  const entry = card.getByRole("listitem").filter({ hasText: member.name });
  await expect(entry).toContainText(r.relation.family);
  await expect(entry).toContainText(`${member.phone.slice(0, 3)}****${member.phone.slice(-4)}`);
  await expect(card).not.toContainText(member.phone);
  await entry.getByRole("button", { name: r.home.remove }).click();
  await expect(entry).toContainText(fill(r.home.removeConfirm, { name: member.name }));
  await entry.getByRole("button", { name: r.home.confirmRemove }).click();
  await expect(card.getByText(r.home.noPeople)).toBeVisible();

  // The removed member no longer sees the household.
  await memberPage.reload();
  await expect(memberPage.getByTestId("household-card")).toHaveCount(0);
});
