import { expect } from "@playwright/test";
import { test } from "../support/axe";
import { withE2eDb } from "../support/db";
import { authFile, demo } from "../support/demo";
import { messages } from "../support/messages";

/**
 * Issue 16 point 10: the staff pages where axe measured serious colour-contrast failures (the budget
 * and a building page), and the grouped sidebar, at 1366 px in both languages.
 */
async function demoBuildingId(): Promise<number> {
  return withE2eDb(async (db) => {
    const { rows } = await db.$client.execute({
      sql: `select b.id from buildings b join memberships m on m.company_id = b.company_id
              join users u on u.id = m.user_id where u.phone = ? order by b.id limit 1`,
      args: [demo("admin").phone],
    });
    return Number(rows[0].id);
  });
}

for (const locale of ["zh-CN", "en"] as const) {
  test(`[${locale}] the admin's budget, building and orders pages have no serious axe violation`, async ({
    browser,
    axe,
  }) => {
    test.slow();
    const context = await browser.newContext({
      storageState: authFile("admin"),
      viewport: { width: 1366, height: 900 },
    });
    await context.addCookies([
      { name: "NEXT_LOCALE", value: locale, url: test.info().project.use.baseURL ?? "http://127.0.0.1" },
    ]);
    const page = await context.newPage();
    const building = await demoBuildingId();
    for (const path of ["/staff", "/staff/finance/budget", `/staff/registry/buildings/${building}`, "/staff/orders"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
      await axe(page);
    }
    // The sidebar: headings, the admin's main tools first; no bottom bar on a desk.
    const t = messages(locale);
    const sidebar = page.getByRole("navigation", { name: t.nav.mainNav }).last();
    await expect(sidebar.getByRole("heading").first()).toHaveText(t.shell.group.main);
    await expect(sidebar.getByRole("heading")).toContainText([t.shell.group.residents, t.shell.group.tickets]);
    await expect(page.getByTestId("staff-bottom-bar")).toBeHidden();
    await context.close();
  });
}
