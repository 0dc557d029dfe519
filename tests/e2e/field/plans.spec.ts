import { expect, type Browser, type Page } from "../support/test";
import fieldEn from "../../../messages/field/en.json" with { type: "json" };
import fieldZh from "../../../messages/field/zh-CN.json" with { type: "json" };
import { dateToZonedLocal } from "../../../lib/time/zone";
import { test } from "../support/axe";
import { authFile } from "../support/demo";
import { uniqueTag } from "../support/factories";
import { LOCALES, type Locale } from "../support/messages";
import { guardRound, walkLate } from "./support";

/**
 * The supervisor's field screens (issue 19 points 1 and 2): a route created with 3 checkpoints,
 * one moved up, a bad time refused at its field, the QR sheet printed in the new order; the board
 * per team with its figures linking to the rows behind them. Desktop (1366) and phone (375).
 */

const F = { "zh-CN": fieldZh, en: fieldEn } as const;
const DESKTOP = { viewport: { width: 1366, height: 900 } };
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

async function supervisor(browser: Browser, locale: Locale, device: object): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile("supervisor"), ...device, locale });
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

const names = (page: Page) =>
  page
    .getByTestId("checkpoints")
    .locator('li[data-active="1"] input[name="name"]')
    .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

for (const locale of LOCALES) {
  test(`a supervisor creates a route with 3 checkpoints, reorders them and prints the sheet (${locale})`, async ({
    browser,
    axe,
  }) => {
    const t = F[locale];
    const tag = uniqueTag();
    const [a, b, c] = [`北门-${tag}`, `水泵房-${tag}`, `地库-${tag}`];
    const page = await supervisor(browser, locale, DESKTOP);
    await page.goto("/staff/field/routes");
    const form = page.getByTestId("route-new");
    await form.getByLabel(t.edit.name, { exact: true }).fill(`夜巡-${tag}`);
    await form.getByLabel(t.edit.times).fill("09:00, 21:00");
    await form.getByRole("textbox", { name: new RegExp(t.edit.checkpoints) }).fill(`${a}\n${b}\n${c}`);
    await form.getByRole("button", { name: t.edit.create }).click();
    await expect(page).toHaveURL(/\/staff\/field\/routes\/\d+$/);
    await expect.poll(() => names(page)).toEqual([a, b, c]);

    await page.getByTestId("checkpoints").locator("li").nth(2).getByRole("button", { name: t.edit.up }).click();
    await expect.poll(() => names(page)).toEqual([a, c, b]);

    const edit = page.getByTestId("route-edit");
    await edit.getByLabel(t.edit.times).fill("25:00");
    await edit.getByRole("button", { name: t.edit.save }).click();
    await expect(edit.getByRole("alert")).toHaveText(t.plan.badTime);
    await axe(page);
    await page.screenshot({ path: test.info().outputPath(`route-edit-1366-${locale}.png`), fullPage: true });

    const routeUrl = page.url();
    await page.getByTestId("print-sheet").click();
    await expect(page).toHaveURL(/\/print$/);
    const sheet = page.getByTestId("qr-sheet").locator("li");
    await expect(sheet).toHaveCount(3);
    await expect(sheet.nth(1)).toContainText(`2. ${c}`);
    await expect(sheet.nth(2)).toContainText(`3. ${b}`);
    await page.context().close();

    const phone = await supervisor(browser, locale, PHONE);
    await phone.goto(routeUrl);
    await expect.poll(() => names(phone)).toEqual([a, c, b]);
    await expectNoHorizontalOverflow(phone);
    await phone.screenshot({ path: test.info().outputPath(`route-edit-375-${locale}.png`), fullPage: true });
    await phone.context().close();
  });

  test(`the board shows each team's figures, each a link to its rows (${locale})`, async ({ browser, axe }) => {
    const t = F[locale];
    const { round, route, ids } = await guardRound(-70);
    await walkLate(
      round.id,
      route.checkpoints.map((c) => c.token),
      ids.userId,
      ids.companyId,
      round.endsAt,
    );
    const period = round.date === dateToZonedLocal(new Date(), ids.timeZone).slice(0, 10) ? "today" : "week";
    const page = await supervisor(browser, locale, DESKTOP);
    await page.goto("/staff/field/board");
    await expect(page.getByTestId("team-cleaning")).toBeVisible();
    await expect(page.getByTestId("team-security")).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`board-1366-${locale}.png`), fullPage: true });

    await page.goto("/staff/field/board?team=security");
    await expect(page.getByTestId("team-cleaning")).toHaveCount(0);
    const late = page.getByTestId(`count-security-${period}-late`);
    await expect(late).not.toHaveText("0");
    await late.click();
    await expect(page).toHaveURL(new RegExp(`team=security.*status=late.*period=${period}`));
    const row = page.getByTestId(`board-round-${round.id}`);
    await expect(row).toContainText(t.roundStatus.late);
    await expect(page.getByRole("heading", { name: `${t.board.patrols} · ${t.board.outcome.late}` })).toBeVisible();
    await axe(page);
    await page.context().close();

    const phone = await supervisor(browser, locale, PHONE);
    await phone.goto("/staff/field/board?team=cleaning");
    await expect(phone.getByTestId("team-cleaning")).toBeVisible();
    await expect(phone.getByTestId("team-security")).toHaveCount(0);
    await expect(phone.getByRole("heading", { name: t.handover.title })).toBeVisible();
    await expectNoHorizontalOverflow(phone);
    await phone.screenshot({ path: test.info().outputPath(`board-375-${locale}.png`), fullPage: true });
    await phone.context().close();
  });
}
