import { expect, test, type Page } from "../support/test";
import enBilling from "../../../messages/billing/en.json" with { type: "json" };
import zhBilling from "../../../messages/billing/zh-CN.json" with { type: "json" };
import enCrm from "../../../messages/crm/en.json" with { type: "json" };
import zhCrm from "../../../messages/crm/zh-CN.json" with { type: "json" };
import { authFile } from "../support/demo";

/*
 * Heavy pages paint their header at once and stream their slow sections behind <Suspense>
 * (issue 14): every section arrives, no skeleton is left, and the figures read from the
 * summary tables show, in both languages.
 */

const shots = (name: string) => test.info().outputPath(`${name}.png`);

async function inLocale(page: Page, locale: "zh-CN" | "en") {
  await page
    .context()
    .addCookies([{ name: "NEXT_LOCALE", value: locale, url: test.info().project.use.baseURL as string }]);
}

for (const [locale, crm, billing] of [
  ["zh-CN", zhCrm, zhBilling],
  ["en", enCrm, enBilling],
] as const) {
  test.describe(`admin (${locale})`, () => {
    test.use({ storageState: authFile("admin") });

    test("the CRM dashboard streams every section in, with the band distribution of the whole company", async ({
      page,
    }) => {
      await inLocale(page, locale);
      await page.goto("/staff/crm");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(crm.dashboard.title);
      const dist = page.getByTestId("band-distribution");
      await expect(dist.locator("li")).toHaveCount(5);
      for (const title of [crm.dashboard.distribution, crm.dashboard.trend, crm.dashboard.moved, crm.dashboard.risk])
        await expect(page.getByRole("heading", { level: 2, name: title })).toBeVisible();
      await expect(page.getByTestId("section-skeleton")).toHaveCount(0);
      // The histogram counts every active household of the demo company: the bands add up to the total.
      const counts = await dist.locator("li [class~='tabular-nums']").allTextContents();
      const sum = counts.reduce((n, s) => n + Number(s.trim().split(/\s/)[0]), 0);
      expect(sum).toBeGreaterThan(0);
      await page.screenshot({ path: shots(`crm-dashboard-${locale}`), fullPage: true });
    });

    test("the billing reports stream in: aging, collection by month from the summary, by group, daily cash", async ({
      page,
    }) => {
      await inLocale(page, locale);
      await page.goto("/staff/billing/reports");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(billing.reports.title);
      for (const title of [billing.reports.chart, billing.reports.dailyCash])
        await expect(page.getByRole("heading", { level: 2, name: new RegExp(`^${title}`) })).toBeVisible();
      await expect(
        page.getByRole("heading", { level: 2, name: new RegExp(`^${billing.reports.aging}`) }),
      ).toBeVisible();
      await expect(page.getByTestId("section-skeleton")).toHaveCount(0);
      // The by-month table has the demo's twelve months, each with a collection rate.
      const chart = page.locator("section", { has: page.getByRole("heading", { name: billing.reports.chart }) });
      await expect(chart.locator("tbody tr").first()).toBeVisible();
      expect(await chart.locator("tbody tr").count()).toBeGreaterThanOrEqual(11);
      await expect(chart.locator("tbody tr").first().locator("td").nth(3)).toHaveText(/%$/);
      await page.screenshot({ path: shots(`billing-reports-${locale}`), fullPage: true });
    });
  });
}
