import { STAFF_ROLES } from "../../../lib/auth/roles";
import { authFile } from "../support/demo";
import { LOCALES, messages } from "../support/messages";
import { expect, systemChineseOn, test } from "../support/test";

/**
 * Issue 16: the page checks every spec runs (tests/e2e/support/test.ts) can fail, and the staff
 * phone bottom bar's short labels fit at 375 px.
 */

test("the page check catches system Chinese on an English page and leaves user text alone", async ({ page }) => {
  await page.setContent(`<!doctype html><html lang="en"><body>
    <h1>Work orders</h1>
    <p>催费：欠费 13 个月</p>
    <p>Plumbing、Electrical</p>
    <p data-user-text>王海诚 · 3栋 1单元 101</p>
    <span translate="no">示范物业</span>
    <button lang="zh-CN">中文</button>
    <p hidden>隐藏的说明</p>
    <input placeholder="搜索住户">
    <select><option>全部楼栋</option></select>
  </body></html>`);
  expect(await systemChineseOn(page)).toEqual(["催费：欠费 13 个月", "Plumbing、Electrical", "全部楼栋", "搜索住户"]);

  await page.setContent(`<!doctype html><html lang="zh-CN"><body><p>催费：欠费 13 个月</p></body></html>`);
  expect(await systemChineseOn(page), "Chinese pages are not checked").toEqual([]);
});

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

for (const role of STAFF_ROLES) {
  test(`the ${role}'s bottom bar labels fit at 375 px in both languages`, async ({ browser }, testInfo) => {
    const context = await browser.newContext({ storageState: authFile(role), ...PHONE });
    const page = await context.newPage();
    for (const locale of LOCALES) {
      const url = testInfo.project.use.baseURL ?? "http://127.0.0.1";
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url }]);
      await page.goto("/staff/profile");
      const labels = page.getByTestId("staff-bottom-bar").getByTestId("bottom-bar-label");
      await expect(labels.first()).toBeVisible();
      const texts = await labels.allTextContents();
      expect(texts.length, "four or five destinations").toBeGreaterThanOrEqual(4);
      const short = messages(locale).nav.short as Record<string, string>;
      for (const text of texts) expect(Object.values(short), `"${text}" is a short label`).toContain(text);
      const cut = await labels.evaluateAll((els) =>
        els.filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent),
      );
      expect(cut, `labels cut at 375 px (${locale})`).toEqual([]);
      await page.screenshot({ path: testInfo.outputPath(`bottom-bar-${role}-${locale}.png`) });
    }
    await context.close();
  });
}
