import { expect, type Browser, type Page } from "../support/test";
import { households, workOrders } from "../../../db/schema";
import { newHouseholdCode } from "../../../lib/registry/codes";
import { signUpCompany } from "../../../lib/flows/sign-up-company";
import tkEn from "../../../messages/tickets/en.json" with { type: "json" };
import tkZh from "../../../messages/tickets/zh-CN.json" with { type: "json" };
import { dispatchDemoVisit } from "../crm/support";
import { test } from "../support/axe";
import { withE2eDb } from "../support/db";
import { authFile, demo } from "../support/demo";
import { newCompanyInput } from "../support/factories";
import { createTestHousehold } from "../support/households";
import { messages, type Locale } from "../support/messages";

/** The staff quick jump (issue 16 point 4): Ctrl-K on a desk, the search box on a phone. */

const TK = { "zh-CN": tkZh, en: tkEn } as const;

/** A household and a work order in a brand-new company: nobody in the demo company may find them. */
async function foreignRows() {
  return withE2eDb(async (db) => {
    const { companyId } = await signUpCompany(db, newCompanyInput());
    const name = `外部住户${Date.now().toString(36)}`;
    const [h] = await db.insert(households).values({ companyId, name, code: newHouseholdCode() }).returning();
    const [o] = await db
      .insert(workOrders)
      .values({ companyId, type: "repair", source: "staff", householdId: h.id, description: "外部工单" })
      .returning();
    return { name, orderId: o.id };
  });
}

async function open(browser: Browser, locale: Locale, phone: boolean): Promise<Page> {
  const context = await browser.newContext({
    storageState: authFile("butler"),
    ...(phone ? { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true } : {}),
  });
  await context.addCookies([
    { name: "NEXT_LOCALE", value: locale, url: test.info().project.use.baseURL ?? "http://127.0.0.1" },
  ]);
  return context.newPage();
}

for (const [locale, phone] of [
  ["zh-CN", false],
  ["en", true],
] as const) {
  test(`[${locale}${phone ? ", 375 px" : ""}] the butler jumps to their household and order, never another company's`, async ({
    browser,
    axe,
  }) => {
    test.slow(); // a foreign company seeded, then four searches with their pages
    const t = messages(locale).shell.jump;
    const own = await withE2eDb((db) => createTestHousehold(db.$client, { butlerPhone: demo("butler").phone }));
    const { orderId } = await dispatchDemoVisit();
    const foreign = await foreignRows();
    const page = await open(browser, locale, phone);
    await page.goto("/staff");
    const dialog = page.getByTestId("quick-jump");
    if (phone) await page.getByTestId("quick-jump-open").click();
    else await page.keyboard.press("Control+K");
    await expect(dialog).toBeVisible();
    const box = dialog.getByLabel(t.label, { exact: true });

    await box.fill(own.name);
    const hit = dialog.getByTestId(`jump-household-${own.householdId}`);
    await expect(hit).toContainText(t.household);
    await axe(page, "quick jump dialog");

    await box.fill(String(orderId));
    await expect(dialog.getByTestId(`jump-order-${orderId}`)).toContainText(TK[locale].type.visit);

    // Another company's household and order: nothing, said in the reader's language. ("#" makes it
    // an order number only: bare digits also match the demo households' phone numbers.)
    for (const q of [foreign.name, `#${foreign.orderId}`]) {
      await box.fill(q);
      await expect(dialog.getByRole("status")).toHaveText(t.empty);
      await expect(dialog.getByRole("link")).toHaveCount(0);
    }

    await box.fill(own.name);
    await hit.click();
    await expect(page).toHaveURL(new RegExp(`/staff/registry/households/${own.householdId}$`));
    await expect(dialog).toBeHidden();
  });
}

test("residents and visitors get no quick jump", async ({ browser, playwright }) => {
  const resident = await browser.newContext({ storageState: authFile("resident") });
  expect((await resident.request.get("/api/jump?q=%E4%BD%8F%E6%88%B7")).status()).toBe(403);
  const visitor = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  expect((await visitor.get("/api/jump?q=1")).status()).toBe(401);
});
