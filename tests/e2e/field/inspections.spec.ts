import { expect, type Browser, type Page } from "../support/test";
import fieldEn from "../../../messages/field/en.json" with { type: "json" };
import fieldZh from "../../../messages/field/zh-CN.json" with { type: "json" };
import { test } from "../support/axe";
import { authFile } from "../support/demo";
import { fill, LOCALES, type Locale } from "../support/messages";
import { inspectionTemplate } from "./inspection-support";

/**
 * Quality inspections at 375 px (issue 19 point 3): the supervisor scores a template's items on
 * the phone, marks a defect with a note and a photo, submits; the defect's work order (in the
 * reader's language) is in the orders list the confirmation links to, and the workbench shows
 * the month's quality score.
 */

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
const F = { "zh-CN": fieldZh, en: fieldEn } as const;
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

async function phoneAs(browser: Browser, locale: Locale): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile("supervisor"), ...PHONE, locale });
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

for (const locale of LOCALES) {
  test(`the supervisor inspects, marks a defect with a photo, and finds its order (${locale})`, async ({
    browser,
    axe,
  }) => {
    const t = F[locale];
    const { template, community, labels, tag } = await inspectionTemplate();
    const page = await phoneAs(browser, locale);
    await page.goto("/staff/field/inspections/new");
    const form = page.getByTestId("inspect-form");
    await form.locator('select[name="communityId"]').selectOption(String(community.id));
    await form.locator('select[name="templateId"]').selectOption(String(template.id));
    await expect(page.getByTestId("inspect-item-0")).toContainText(labels[0]);
    await expect(page.getByTestId("inspect-total")).toHaveText(fill(t.inspect.total, { score: 15, max: 15 }));
    const less = page.getByTestId("inspect-less-0");
    const box = await less.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(box!.width).toBeGreaterThanOrEqual(44);
    for (let i = 0; i < 4; i++) await less.click();
    await expect(page.getByTestId("inspect-score-0")).toHaveText("6/10");
    await page.getByTestId("inspect-defect-0").check();
    await page.getByTestId("inspect-note-0").fill(`积水-${tag}`);
    await page.getByTestId("inspect-photo-0").setInputFiles({ name: "defect.png", mimeType: "image/png", buffer: PNG });
    await expect(page.getByTestId("inspect-total")).toHaveText(fill(t.inspect.total, { score: 11, max: 15 }));
    await expectNoHorizontalOverflow(page);
    await axe(page);
    await page.screenshot({ path: test.info().outputPath(`inspect-${locale}.png`), fullPage: true });
    await form.getByRole("button", { name: t.inspect.submit }).click();

    await expect(page.getByTestId("inspect-done")).toBeVisible();
    await expect(page.getByTestId("inspections-recent")).toContainText(`11/15`);
    await page.getByRole("link", { name: t.inspections.defectOrders }).click();
    await expect(page).toHaveURL(/origin=inspection/);
    const title = fill(t.inspect.order.title, { place: community.name, item: labels[0] });
    // The list renders a table and phone cards (one of them hidden by the viewport): count what is shown.
    await expect(page.getByText(title).filter({ visible: true })).toHaveCount(1);
    await expect(page.getByText(fill(t.inspect.order.title, { place: community.name, item: labels[1] }))).toHaveCount(
      0,
    );
    await page.screenshot({ path: test.info().outputPath(`defect-orders-${locale}.png`), fullPage: true });

    await page.goto("/staff");
    await expect(page.getByTestId("wb-quality-score")).toContainText("%");
    await page.getByTestId("wb-quality-score").click();
    await expect(page.getByTestId("quality-chart")).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: test.info().outputPath(`quality-375-${locale}.png`), fullPage: true });
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto("/staff/field/quality");
    await expect(page.getByTestId("quality-chart")).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`quality-1366-${locale}.png`), fullPage: true });
    await page.context().close();
  });
}
