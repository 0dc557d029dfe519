import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Page } from "../support/test";
import tkEn from "../../../messages/tickets/en.json" with { type: "json" };
import tkZh from "../../../messages/tickets/zh-CN.json" with { type: "json" };
import wbEn from "../../../messages/workbench/en.json" with { type: "json" };
import wbZh from "../../../messages/workbench/zh-CN.json" with { type: "json" };
import { authFile, type DemoLogin } from "../support/demo";
import { newCompanySignedIn } from "../support/companies";
import { signInThroughForm } from "../support/factories";
import { LOCALES, messages, type Locale } from "../support/messages";
import { demoUserId, technicianWithOrders } from "./support";

type Role = DemoLogin["role"];
const WB = { "zh-CN": wbZh, en: wbEn } as const;
const TK = { "zh-CN": tkZh, en: tkEn } as const;
/** Screenshots of every role's workbench, for a person to look at. */
const SHOTS = path.join(os.tmpdir(), "guanjia-workbench-shots");
fs.mkdirSync(SHOTS, { recursive: true });

/** What each role's workbench must show: the section titles (by message key) and a figure. */
const EXPECT: Record<string, { titles: (w: typeof wbZh) => string[]; figure: string }> = {
  admin: { titles: (w) => [w.orders.title, w.money.title, w.crm.title, w.decisions.title], figure: "wb-overdue" },
  project_manager: { titles: (w) => [w.orders.title, w.crm.title], figure: "wb-emergencies" },
  butler: { titles: (w) => [w.crm.mineTitle, w.orders.mineTitle, w.decisions.title], figure: "wb-at-risk" },
  supervisor: { titles: (w) => [w.team.title, w.orders.title], figure: "wb-team-sla" },
  technician: { titles: (w) => [w.tech.title], figure: "wb-tech-all" },
  front_desk: { titles: (w) => [w.orders.title], figure: "wb-today" },
  finance: { titles: (w) => [w.cash.title], figure: "wb-cash-total" },
  hr: { titles: (w) => [w.attendance.title], figure: "wb-late" },
  legal: { titles: (w) => [w.legal.title], figure: "wb-legal-letter_sent" },
};

async function pageAs(browser: Browser, role: Role, locale: Locale, width = 1366): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(role), viewport: { width, height: 900 } });
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: test.info().project.use.baseURL as string }]);
  return context.newPage();
}

const digits = (s: string | null) => Number((s ?? "").replace(/[^\d]/g, ""));

/** Every figure on the workbench that links to the orders list: its href and number. */
async function orderFigures(page: Page) {
  const links = page.locator('main a[href^="/staff/orders?"]:has([data-figure])');
  const out: { href: string; value: number }[] = [];
  for (const a of await links.all())
    out.push({ href: (await a.getAttribute("href"))!, value: digits(await a.locator("[data-figure]").textContent()) });
  return out;
}

for (const role of Object.keys(EXPECT) as Role[])
  for (const locale of LOCALES)
    test(`the ${role}'s workbench (${locale}) shows its sections, and each order figure equals the count on its list`, async ({
      browser,
    }) => {
      test.slow(); // two page sizes, screenshots and every order figure checked against its list
      const w = WB[locale];
      const page = await pageAs(browser, role, locale);
      await page.goto("/staff");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(messages(locale).roleHome[role as "admin"]);
      for (const title of EXPECT[role].titles(w))
        await expect(page.locator("#main").getByRole("heading", { name: title, exact: true })).toBeVisible();
      await expect(page.getByTestId(EXPECT[role].figure)).toBeVisible();
      await page.screenshot({ path: path.join(SHOTS, `${role}-${locale}-1366.png`), fullPage: true });
      await page.setViewportSize({ width: 375, height: 812 });
      await page.goto("/staff");
      await expect(page.getByTestId(EXPECT[role].figure)).toBeVisible();
      await page.screenshot({ path: path.join(SHOTS, `${role}-${locale}-375.png`), fullPage: true });
      await page.setViewportSize({ width: 1366, height: 900 });
      // Other specs write orders meanwhile: compare figure and list until one consistent reading.
      await expect(async () => {
        await page.goto("/staff");
        await expect(page.getByTestId(EXPECT[role].figure)).toBeVisible();
        const figures = await orderFigures(page);
        for (const f of figures) {
          await page.goto(f.href);
          expect(Number(await page.getByTestId("result-count").getAttribute("data-count")), f.href).toBe(f.value);
        }
      }).toPass({ timeout: 120_000 });
    });

test("roles see only their own sections: no money for a technician, no orders for HR", async ({ browser }) => {
  const tech = await pageAs(browser, "technician", "zh-CN");
  await tech.goto("/staff");
  await expect(tech.getByTestId("wb-tech-all")).toBeVisible();
  await expect(tech.getByTestId("wb-rate")).toHaveCount(0);
  await expect(tech.getByTestId("wb-at-risk")).toHaveCount(0);
  const hr = await pageAs(browser, "hr", "zh-CN");
  await hr.goto("/staff");
  await expect(hr.getByTestId("wb-late")).toBeVisible();
  await expect(hr.getByTestId("wb-open")).toHaveCount(0);
  const refused = await hr.goto("/staff/orders");
  expect(refused?.status()).toBe(403);
});

test("another company's admin sees none of the demo company's orders on the workbench or behind its links", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await newCompanySignedIn(page);
  await page.goto("/staff");
  await expect(page.getByTestId("wb-open").locator("[data-figure]")).toHaveText("0");
  await expect(page.getByTestId("wb-overdue").locator("[data-figure]")).toHaveText("0");
  const demoTech = await demoUserId("technician");
  await page.goto(`/staff/orders?tab=scope&status=all&assignee=${demoTech}`);
  await expect(page.getByTestId("result-count")).toHaveAttribute("data-count", "0");
});

for (const locale of LOCALES)
  test(`a technician's queue (${locale}) puts the overdue order first with its countdown, accepts two at once, and starts one from the workbench`, async ({
    browser,
  }) => {
    test.slow(); // a fresh technician, a queue and a bulk accept: over 60 s with both cores busy
    const tk = TK[locale];
    const s = await technicianWithOrders([180, -5, 30]);
    const [later, overdue, soon] = s.orders;
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: test.info().project.use.baseURL as string }]);
    const page = await context.newPage();
    await signInThroughForm(page, s.phone, s.password, locale);
    await expect(page).toHaveURL(/\/staff$/, { timeout: 20_000 });
    // The workbench lists them by deadline.
    const items = page.getByTestId("wb-tech-orders").locator("li");
    await expect(items).toHaveCount(3);
    await expect(items.nth(0)).toHaveAttribute("data-testid", `wb-tech-order-${overdue}`);
    await expect(items.nth(1)).toHaveAttribute("data-testid", `wb-tech-order-${soon}`);
    await expect(items.nth(2)).toHaveAttribute("data-testid", `wb-tech-order-${later}`);

    // The queue opens on my orders, most urgent first, with the SLA countdown.
    await page.goto("/staff/orders");
    const rows = page.locator('tbody tr[data-testid^="order-row-"]');
    await expect(rows).toHaveCount(3);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-testid")))).toEqual(
      [overdue, soon, later].map((id) => `order-row-${id}`),
    );
    await expect(page.getByTestId(`order-row-${overdue}`).getByTestId("sla-countdown")).toContainText(
      tk.sla.acceptOverdue.split("{span}")[0].trim(),
    );

    // Bulk accept: nothing ticked → a translated error, nothing written; then two at once.
    await page.getByRole("button", { name: tk.staff.bulkAccept }).click();
    await expect(page.getByText(tk.errors.noneSelected)).toBeVisible();
    await page.getByRole("checkbox", { name: tk.staff.selectOrder.replace("{id}", String(overdue)) }).check();
    await page.getByRole("checkbox", { name: tk.staff.selectOrder.replace("{id}", String(soon)) }).check();
    await page.getByRole("button", { name: tk.staff.bulkAccept }).click();
    for (const id of [overdue, soon])
      await expect(page.getByTestId(`order-row-${id}`).getByTestId("order-status")).toHaveText(tk.status.accepted);
    await expect(page.getByTestId(`order-row-${later}`).getByTestId("order-status")).toHaveText(tk.status.assigned);

    // One tap on the workbench: start the overdue one.
    await page.goto("/staff");
    await page.getByTestId(`wb-tech-order-${overdue}`).getByRole("button", { name: tk.staff.start }).click();
    await expect(page.getByTestId(`wb-tech-order-${overdue}`).getByTestId("order-status")).toHaveText(
      tk.status.in_progress,
    );
  });
