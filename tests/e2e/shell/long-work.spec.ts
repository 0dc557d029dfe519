import { eq } from "drizzle-orm";
import { expect, test, type Browser, type Page } from "../support/test";
import billingEn from "../../../messages/billing/en.json" with { type: "json" };
import billingZh from "../../../messages/billing/zh-CN.json" with { type: "json" };
import crmEn from "../../../messages/crm/en.json" with { type: "json" };
import crmZh from "../../../messages/crm/zh-CN.json" with { type: "json" };
import { buildings, communities, companies, householdUnits, households, units } from "../../../db/schema";
import { appendSentimentEntries } from "../../../lib/crm/ledger/write";
import { newCompany } from "../support/companies";
import { withE2eDb } from "../support/db";
import { newCompanyInput, signInThroughForm, uniqueTag } from "../support/factories";
import { fill, LOCALES, messages, type Locale } from "../support/messages";

/** Long work shows progress (issue 16 point 7): the CRM what-if and the CSV exports, in both languages. */

const CRM = { "zh-CN": crmZh, en: crmEn };
const BILLING = { "zh-CN": billingZh, en: billingEn };
const HOUSEHOLDS = 12;
const shots = (name: string) => test.info().outputPath(`${name}.png`);

/** A new company of its own (its rules draft is nobody else's) with 12 households, 4 of them 6 months in arrears. */
async function companyWithLedger() {
  const input = await newCompany(newCompanyInput());
  await withE2eDb(async (db) => {
    const [co] = await db.select({ id: companies.id }).from(companies).where(eq(companies.name, input.companyName));
    const companyId = co.id;
    const [community] = await db
      .insert(communities)
      .values({ companyId, name: `小区-${uniqueTag()}` })
      .returning();
    const [building] = await db
      .insert(buildings)
      .values({ companyId, communityId: community.id, code: "1", name: "1栋" })
      .returning();
    const unitRows = await db
      .insert(units)
      .values(
        Array.from({ length: HOUSEHOLDS }, (_, i) => ({
          companyId,
          buildingId: building.id,
          number: `1-${101 + i}`,
          floor: 1,
          areaCentiM2: 8900,
        })),
      )
      .returning();
    const hs = await db
      .insert(households)
      .values(
        unitRows.map((u) => ({ companyId, name: `住户${u.number}`, code: `W${uniqueTag()}${u.id}`.toUpperCase() })),
      )
      .returning();
    await db
      .insert(householdUnits)
      .values(hs.map((h, i) => ({ companyId, householdId: h.id, unitId: unitRows[i].id })));
    await db.transaction((tx) =>
      appendSentimentEntries(
        tx,
        companyId,
        100,
        hs.slice(0, 4).map((h) => ({
          householdId: h.id,
          occurredOn: "2026-06-10",
          rule: "arrears",
          step: "m6",
          points: -5,
          dedupeKey: `m6-${h.id}`,
          messageKey: "arrears",
        })),
      ),
    );
  });
  return input;
}

/** Records every test id that ever appears, and the texts the CSV status showed (installed before the page loads). */
async function watch(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __seen: Set<string>; __csv: string[] };
    w.__seen = new Set();
    w.__csv = [];
    new MutationObserver(() => {
      for (const el of document.querySelectorAll("[data-testid]")) w.__seen.add(el.getAttribute("data-testid")!);
      for (const el of document.querySelectorAll('[data-testid="csv-status"]'))
        if (el.textContent) w.__csv.push(el.textContent);
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}
const seen = (page: Page) => page.evaluate(() => [...(window as unknown as { __seen: Set<string> }).__seen]);
const csvTexts = (page: Page) => page.evaluate(() => (window as unknown as { __csv: string[] }).__csv);

async function signedIn(browser: Browser, locale: Locale, email: string, password: string) {
  const context = await browser.newContext();
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: test.info().project.use.baseURL as string }]);
  const page = await context.newPage();
  await watch(page);
  await signInThroughForm(page, email, password, locale);
  await expect(page).toHaveURL(/\/staff$/, { timeout: 20_000 });
  return page;
}

for (const locale of LOCALES) {
  test(`what-if (${locale}): a saved draft's preview shows progress, then the counts`, async ({ browser }) => {
    const c = CRM[locale];
    const company = await companyWithLedger();
    const page = await signedIn(browser, locale, company.email, company.password);
    await page.goto("/staff/crm/rules");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(c.rules.title);
    const form = page.getByTestId("rules-form");
    // Initial score 96: the four households at 95 fall from excellent to good under the draft.
    await form.getByLabel(c.rules.initialScore, { exact: true }).fill("96");
    await form.getByRole("button", { name: c.rules.save }).click();
    await expect(page.getByRole("status")).toHaveText(c.rules.saved);
    const whatif = page.getByTestId("whatif");
    const total = whatif.getByTestId("whatif-total");
    await expect(total).toHaveText(fill(c.rules.whatif.total, { total: HOUSEHOLDS, moved: 4 }));
    expect(await seen(page)).toContain("whatif-progress");
    await expect(whatif.getByTestId("whatif-excellent-current")).toHaveText(String(HOUSEHOLDS));
    await expect(whatif.getByTestId("whatif-good-draft")).toHaveText("4");
    await expect(form.getByRole("button", { name: c.rules.save })).toBeEnabled();
    await page.screenshot({ path: shots(`whatif-${locale}`), fullPage: true });

    // Opening the page with a draft: it renders at once, the preview runs behind a progress bar.
    await page.reload();
    await expect(total).toHaveText(fill(c.rules.whatif.total, { total: HOUSEHOLDS, moved: 4 }));
    expect(await seen(page)).toContain("whatif-progress");
    await page.getByRole("button", { name: c.rules.discard }).click();
    await expect(page.getByRole("status")).toHaveText(c.rules.discarded);
    await page.context().close();
  });

  test(`CSV export (${locale}): the link says the file is being prepared, then the download arrives`, async ({
    browser,
  }) => {
    const b = BILLING[locale];
    const company = await companyWithLedger();
    const page = await signedIn(browser, locale, company.email, company.password);
    await page.goto("/staff/billing/reports");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(b.reports.title);
    const links = page.getByRole("link", { name: b.reports.csv, exact: true });
    const download = page.waitForEvent("download");
    await links.last().click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^daily-cash-\d{4}-\d{2}-\d{2}\.csv$/);
    const texts = await csvTexts(page);
    expect(texts).toContain(messages(locale).common.csv.preparing);
    await expect(page.getByTestId("csv-status").last()).toHaveText("");
    await page.context().close();
  });
}
