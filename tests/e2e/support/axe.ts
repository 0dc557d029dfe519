import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Page } from "@playwright/test";

/** The WCAG levels checked: 2.0, 2.1 and 2.2, A and AA (2.2 adds target size, focus not obscured…). */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** The serious and critical axe violations on the page as it is now, one line each. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
}

/**
 * Runs axe (WCAG 2.x A/AA, 2.2 included) on the page as it is now and fails on any serious or
 * critical violation, listing them. Use it on every page a spec visits.
 */
export async function expectNoSeriousA11yViolations(page: Page, label = page.url()): Promise<void> {
  expect(await seriousA11yViolations(page), `axe on ${label}`).toEqual([]);
}

/**
 * A Playwright `test` with an `axe` fixture: `await axe(page)` after each page the spec visits
 * scans it; the test fails at its end with every serious or critical violation of every page
 * scanned (so one run lists them all instead of stopping at the first page).
 */
export const test = base.extend<{ axe: (page: Page, label?: string) => Promise<void> }>({
  axe: async ({}, provide, testInfo) => {
    const found: string[] = [];
    await provide(async (page, label) => {
      const path = label ?? new URL(page.url()).pathname;
      for (const line of await seriousA11yViolations(page)) found.push(`${path}: ${line}`);
    });
    if (testInfo.status === "passed") expect(found, "axe: serious or critical violations").toEqual([]);
  },
});
