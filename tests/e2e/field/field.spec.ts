import { expect, type Browser, type Page } from "../support/test";
import fieldEn from "../../../messages/field/en.json" with { type: "json" };
import fieldZh from "../../../messages/field/zh-CN.json" with { type: "json" };
import { test } from "../support/axe";
import { authFile } from "../support/demo";
import { fill, LOCALES, type Locale } from "../support/messages";
import { cleanerTask, guardRound, qrPng, walkLate } from "./support";

/**
 * Field operations at 375 px (issue 19): a guard walks a round by scanning the checkpoints' QR
 * codes (fed to the page's image fallback, decoded in the browser), out of order and replayed
 * scans refused; a late round shows on the supervisor's board; a cleaner completes a task with a photo.
 */

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
const F = { "zh-CN": fieldZh, en: fieldEn } as const;
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

async function phoneAs(browser: Browser, role: "guard" | "cleaner" | "supervisor", locale: Locale): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(role), ...PHONE, locale });
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

async function scanImage(page: Page, text: string) {
  await page.getByTestId("qr-file").setInputFiles({ name: "qr.png", mimeType: "image/png", buffer: await qrPng(text) });
}

for (const locale of LOCALES) {
  test(`a guard completes a round by scanning the checkpoints in order (${locale})`, async ({ browser, axe }) => {
    const t = F[locale];
    const { round, route, names } = await guardRound(-5);
    const page = await phoneAs(browser, "guard", locale);
    await page.goto("/staff/field/patrol");
    await expect(page.getByTestId(`patrol-round-${round.id}`)).toContainText(
      fill(t.patrol.progress, { scanned: 0, total: 3 }),
    );
    await page.getByTestId(`patrol-round-${round.id}`).getByRole("link", { name: t.patrol.open }).click();
    await expect(page).toHaveURL(new RegExp(`/staff/field/patrol/${round.id}$`));
    await expectNoHorizontalOverflow(page);
    await axe(page);
    const message = page.getByTestId("scan-message");

    await scanImage(page, route.checkpoints[1].token);
    await expect(message).toHaveText(t.scan.outOfOrder);
    await scanImage(page, route.checkpoints[0].token);
    await expect(message).toHaveText(fill(t.scan.ok, { seq: 1, name: names[0] }));
    await scanImage(page, route.checkpoints[0].token);
    await expect(message).toHaveText(t.scan.duplicate);
    await scanImage(page, "a-code-from-somewhere-else");
    await expect(message).toHaveText(t.scan.foreign);
    await scanImage(page, route.checkpoints[1].token);
    await expect(message).toHaveText(fill(t.scan.ok, { seq: 2, name: names[1] }));
    await scanImage(page, route.checkpoints[2].token);
    await expect(message).toContainText(t.scan.finished);
    await expect(page.getByTestId("round-points").locator('[data-scanned="1"]')).toHaveCount(3);
    await page.screenshot({ path: test.info().outputPath(`guard-round-${locale}.png`), fullPage: true });

    await page.goto("/staff/field/patrol");
    const card = page.getByTestId(`patrol-round-${round.id}`);
    await expect(card).toContainText(fill(t.patrol.progress, { scanned: 3, total: 3 }));
    await expect(card).toContainText(t.roundStatus.done);
    await page.screenshot({ path: test.info().outputPath(`guard-today-${locale}.png`), fullPage: true });
    await page.context().close();
  });

  test(`a late round shows on the supervisor's board (${locale})`, async ({ browser, axe }) => {
    const t = F[locale];
    const { round, route, ids } = await guardRound(-70);
    await walkLate(
      round.id,
      route.checkpoints.map((c) => c.token),
      ids.userId,
      ids.companyId,
      round.endsAt,
    );
    const page = await phoneAs(browser, "supervisor", locale);
    await page.goto("/staff/field/board");
    const row = page.getByTestId(`board-round-${round.id}`);
    await expect(row).toContainText(t.roundStatus.late);
    await expect(row).toContainText(fill(t.board.progress, { scanned: 3, total: 3 }));
    await expect(page.getByRole("heading", { name: t.board.routes })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await axe(page);
    await page.context().close();
  });

  test(`a cleaner completes a task with a photo (${locale})`, async ({ browser, axe }) => {
    const t = F[locale];
    const { area, task } = await cleanerTask();
    const page = await phoneAs(browser, "cleaner", locale);
    await page.goto("/staff/field/cleaning");
    const card = page.getByTestId(`cleaning-task-${task.id}`);
    await expect(card).toContainText(area.name);
    await expect(card).toContainText(t.taskStatus.open);
    await expectNoHorizontalOverflow(page);
    await axe(page);
    await card.getByLabel(t.cleaning.note).fill("已拖地");
    await card.getByLabel(t.cleaning.photo).setInputFiles({ name: "done.png", mimeType: "image/png", buffer: PNG });
    await card.getByRole("button", { name: t.cleaning.done }).click();
    await expect(card).toContainText(t.taskStatus.done);
    await expect(card).toContainText(t.cleaning.withPhoto);
    await expect(card.getByRole("button", { name: t.cleaning.done })).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath(`cleaner-${locale}.png`), fullPage: true });
    await page.context().close();
  });
}
