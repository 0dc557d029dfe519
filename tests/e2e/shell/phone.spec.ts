import { expect, type Browser, type Page } from "../support/test";
import tkEn from "../../../messages/tickets/en.json" with { type: "json" };
import tkZh from "../../../messages/tickets/zh-CN.json" with { type: "json" };
import vmEn from "../../../messages/visits/en.json" with { type: "json" };
import vmZh from "../../../messages/visits/zh-CN.json" with { type: "json" };
import { dispatchDemoVisit } from "../crm/support";
import { test } from "../support/axe";
import { authFile, type DemoLogin } from "../support/demo";
import { uniqueTag } from "../support/factories";
import { LOCALES, messages, type Locale } from "../support/messages";

/** Staff on phones (issue 16 point 3): card lists, the bottom bar and the sticky primary action at 375 px. */

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
const TK = { "zh-CN": tkZh, en: tkEn } as const;
const VM = { "zh-CN": vmZh, en: vmEn } as const;
/** A real 1×1 PNG (the "camera" photo). */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

async function phoneAs(browser: Browser, role: DemoLogin["role"], locale: Locale): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(role), ...PHONE });
  const url = test.info().project.use.baseURL ?? "http://127.0.0.1";
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url }]);
  return context.newPage();
}

async function expectNoHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `no horizontal scrolling at 375 px on ${page.url()}`).toBeLessThanOrEqual(0);
}

/** The demo resident files an electrical repair (dispatched to the demo technician, the only electrician). */
async function fileElectricalRepair(browser: Browser, description: string): Promise<number> {
  const resident = await phoneAs(browser, "resident", "zh-CN");
  await resident.goto("/requests/new");
  const form = resident.getByTestId("request-form");
  await form.getByLabel(tkZh.common.type, { exact: true }).selectOption("repair");
  await form.getByLabel(tkZh.common.category, { exact: true }).selectOption("electrical");
  await form.getByLabel(tkZh.common.description, { exact: true }).fill(description);
  await form.getByRole("button", { name: tkZh.common.submit }).click();
  await expect(resident).toHaveURL(/\/requests\/\d+$/, { timeout: 20_000 });
  const id = Number(resident.url().split("/").pop());
  await resident.context().close();
  return id;
}

for (const locale of LOCALES) {
  const t = messages(locale);
  const tk = TK[locale];

  test(`[${locale}] a technician accepts, starts and finishes an order with a photo from the card list at 375 px`, async ({
    browser,
    axe,
  }) => {
    test.slow(); // two users, a dozen steps, axe on three pages
    const id = await fileElectricalRepair(browser, `配电箱跳闸 ${uniqueTag()}`);
    const tech = await phoneAs(browser, "technician", locale);
    await tech.goto("/staff/orders?since=today");
    const bar = tech.getByTestId("staff-bottom-bar");
    await expect(bar.getByRole("link")).toHaveCount(5);
    await expect(bar.getByRole("link").nth(1)).toHaveText(t.nav.short.orders);
    await expect(tech.getByRole("table")).toBeHidden();
    const card = tech.getByTestId(`order-card-${id}`);
    await expect(card).toContainText(tk.status.assigned);
    await expectNoHorizontalOverflow(tech);
    await axe(tech);

    await card.click();
    await expect(tech).toHaveURL(new RegExp(`/staff/orders/${id}$`));
    const sticky = tech.getByTestId("sticky-action");
    await sticky.getByRole("button", { name: tk.staff.accept, exact: true }).click();
    await expect(tech.getByTestId("order-status").first()).toHaveText(tk.status.accepted);
    await sticky.getByRole("button", { name: tk.staff.start, exact: true }).click();
    await expect(tech.getByTestId("order-status").first()).toHaveText(tk.status.in_progress);
    await expectNoHorizontalOverflow(tech);
    await axe(tech);

    await sticky.getByRole("link", { name: tk.staff.resolve, exact: true }).click();
    const resolve = tech.getByTestId("resolve-form");
    await expect(resolve).toBeInViewport();
    const camera = resolve.getByLabel(tk.staff.afterPhotos, { exact: true });
    await expect(camera).toHaveAttribute("capture", "environment");
    await expect(camera).toHaveAttribute("accept", "image/*");
    await resolve.getByLabel(tk.staff.resolveNote, { exact: true }).fill("更换了空气开关");
    await camera.setInputFiles({ name: "camera.png", mimeType: "image/png", buffer: PNG });
    await resolve.getByRole("button", { name: tk.staff.resolve, exact: true }).click();
    await expect(tech.getByTestId("order-status").first()).toHaveText(tk.status.resolved, { timeout: 30_000 });
    await expect(tech.getByTestId("photos-after").locator("img")).toHaveCount(1);
    await expect(tech.getByTestId("sticky-action")).toHaveCount(0);
    await expectNoHorizontalOverflow(tech);
  });

  test(`[${locale}] a butler accepts a visit order and records the visit on a phone`, async ({ browser, axe }) => {
    test.slow(); // a visit dispatched, accepted and recorded on a phone, with axe: over 60 s on a busy machine
    const vm = VM[locale];
    const { visitId, orderId } = await dispatchDemoVisit();
    const butler = await phoneAs(browser, "butler", locale);
    await butler.goto("/staff/orders?type=visit&since=today");
    // The butler's main tool, 客户预警, comes right after the workbench.
    await expect(butler.getByTestId("staff-bottom-bar").getByRole("link").nth(1)).toHaveText(t.nav.short.crm);
    await butler.getByTestId(`order-card-${orderId}`).click();
    await expect(butler).toHaveURL(new RegExp(`/staff/orders/${orderId}$`));
    const sticky = butler.getByTestId("sticky-action");
    await sticky.getByRole("button", { name: tk.staff.accept, exact: true }).click();
    await expect(butler.getByTestId("order-status").first()).toHaveText(tk.status.accepted);
    await sticky.getByRole("link", { name: vm.visit.recordLink }).click();
    await expect(butler).toHaveURL(new RegExp(`/staff/crm/visits/${visitId}$`));
    await expectNoHorizontalOverflow(butler);
    await axe(butler);

    const notes = `住户反映楼道灯已修好 ${uniqueTag()}`;
    await butler.getByLabel(vm.visit.notes, { exact: true }).fill(notes);
    await butler.getByRole("radio", { name: `${vm.visit.satisfaction} 5` }).click();
    await butler.getByRole("button", { name: vm.visit.save }).click();
    await expect(butler.getByText(vm.visit.recorded).first()).toBeVisible();
    await expect(butler.getByText(notes)).toBeVisible();
    await expectNoHorizontalOverflow(butler);
    await butler.goto(`/staff/orders/${orderId}`);
    await expect(butler.getByTestId("order-status").first()).toHaveText(tk.status.resolved);
    // My visits of the quarter: cards on the phone, this one done.
    await butler.goto("/staff/crm/visits");
    await expect(butler.getByTestId("my-visit-card").filter({ hasText: vm.coverage.done }).first()).toBeVisible();
    await expect(butler.getByTestId("my-visit").first()).toBeHidden();
    await expectNoHorizontalOverflow(butler);
    await axe(butler);
  });

  test(`[${locale}] the staff menu opens on a phone, its links lead on, and it closes on the next page`, async ({
    browser,
  }) => {
    const page = await phoneAs(browser, "admin", locale);
    await page.goto("/staff/hr");
    const menu = page.getByRole("button", { name: t.nav.menu });
    const nav = page.getByRole("navigation", { name: t.nav.mainNav });
    await expect(nav).toBeHidden();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await menu.tap();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expectNoHorizontalOverflow(page);
    // One navigation for both widths (the links are rendered once).
    await expect(page.locator(`nav[aria-label="${t.nav.mainNav}"]`)).toHaveCount(1);
    await nav.getByRole("link", { name: t.nav.crm, exact: true }).tap();
    await expect(page).toHaveURL(/\/staff\/crm$/);
    await expect(nav).toBeHidden();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await page.setViewportSize({ width: 1366, height: 900 });
    await expect(nav).toBeVisible();
    await expect(menu).toBeHidden();
    await page.context().close();
  });
}
