import { expect, type Page } from "@playwright/test";
import { seriousA11yViolations } from "./axe-scan";
import { test as base } from "./test";

export { AXE_TAGS, seriousA11yViolations } from "./axe-scan";

/**
 * Runs axe (WCAG 2.x A/AA, 2.2 included) on the page as it is now and fails on any serious or
 * critical violation, listing them. (Every page is also scanned once per run by tests/e2e/support/test.ts.)
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
