import { expect, type BrowserContext, type Page, type Route } from "../support/test";
import { test } from "../support/axe";
import { authFile } from "../support/demo";
import { messages } from "../support/messages";

/** Issue 16 point 10: the service worker's offline page, and tap targets of at least 44 × 44 px on resident pages. */

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

/** Waits until public/sw.js is installed and controls the page (it claims open pages when activated). */
async function controlledByServiceWorker(page: Page) {
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return !!navigator.serviceWorker.controller;
  });
}

/** A request the service worker makes, refused as a dropped connection. */
const swOffline = (route: Route) =>
  route.request().serviceWorker() ? route.abort("internetdisconnected") : route.fallback();

/**
 * The network off for the pages and for the service worker's own fetches (setOffline alone does
 * not reach a service worker: microsoft/playwright#2311; the config turns on its network events).
 */
async function goOffline(context: BrowserContext, offline: boolean) {
  await context.setOffline(offline);
  if (offline) await context.route("**", swOffline);
  else await context.unroute("**", swOffline);
}

test("with the network off, a resident's next page is the offline page, not a cached signed-in page", async ({
  browser,
  axe,
}) => {
  const context = await browser.newContext({ storageState: authFile("resident"), ...PHONE });
  const page = await context.newPage();
  await page.goto("/home");
  await controlledByServiceWorker(page);
  await page.goto("/bills");
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(messages().shell.offline.title);

  await goOffline(context, true);
  for (const path of ["/home", "/bills", "/requests"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(messages().shell.offline.title);
    await expect(page.getByTestId("offline-en")).toContainText(messages("en").shell.offline.title);
  }
  await axe(page, "offline page");

  await goOffline(context, false);
  await page.goto("/bills");
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(messages().shell.offline.title);
  await context.close();
});

test("a staff member's pages are never answered from the cache either", async ({ browser }) => {
  const context = await browser.newContext({ storageState: authFile("technician"), ...PHONE });
  const page = await context.newPage();
  await page.goto("/staff/orders");
  await controlledByServiceWorker(page);
  await goOffline(context, true);
  await page.goto("/staff/orders");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(messages().shell.offline.title);
  await context.close();
});

/** Every link and button in the resident shell's header and bottom bar is at least 44 × 44 px. */
async function shellTargetsAreLarge(page: Page) {
  const sizes = await page.locator("header a, header button, nav[aria-label] a").evaluateAll((els) =>
    els
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { what: el.getAttribute("aria-label") ?? el.textContent?.trim() ?? "", w: r.width, h: r.height };
      }),
  );
  expect(sizes.length).toBeGreaterThanOrEqual(8); // bell, two languages, five tabs
  expect(sizes.filter((s) => s.w < 44 || s.h < 44)).toEqual([]);
}

for (const locale of ["zh-CN", "en"] as const) {
  test(`[${locale}] resident pages at 375 px: tap targets of 44 px in the shell, no serious axe violation`, async ({
    browser,
    axe,
  }) => {
    test.slow(); // a production service worker installs before the network goes off
    const context = await browser.newContext({ storageState: authFile("resident"), ...PHONE });
    await context.addCookies([
      { name: "NEXT_LOCALE", value: locale, url: test.info().project.use.baseURL ?? "http://127.0.0.1" },
    ]);
    const page = await context.newPage();
    for (const path of ["/home", "/bills", "/requests", "/community", "/me", "/notifications"]) {
      await page.goto(path);
      await shellTargetsAreLarge(page);
      await axe(page);
    }
    await context.close();
  });
}
