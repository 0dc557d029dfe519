import { expect, test, type Page } from "../support/test";
import billingEn from "../../../messages/billing/en.json" with { type: "json" };
import billingZh from "../../../messages/billing/zh-CN.json" with { type: "json" };
import { expectNoSeriousA11yViolations } from "../support/axe";
import { signInThroughForm, uniqueTag } from "../support/factories";
import { fill, LOCALES, messages, type Locale } from "../support/messages";
import {
  createPortalResident,
  giveGoldBadge,
  insertActivity,
  insertNotice,
  insertProduct,
  portalMessages,
  type PortalResident,
} from "./support";

const billingMessages = (locale: Locale) => (locale === "en" ? billingEn : billingZh);

test.use({
  viewport: { width: 375, height: 812 },
  isMobile: true,
  hasTouch: true,
  storageState: { cookies: [], origins: [] },
});

async function signIn(page: Page, r: PortalResident, locale: Locale) {
  await page.goto("/sign-in");
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: page.url() }]);
  await page.reload();
  await signInThroughForm(page, r.email, r.password, locale);
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 });
}

for (const locale of LOCALES) {
  const p = portalMessages(locale);
  const core = messages(locale);

  test.describe(`portal (${locale})`, () => {
    test("an emergency announcement shows as a banner until it is read", async ({ page }) => {
      const r = await createPortalResident(locale);
      const title = `E2E 停电 ${uniqueTag()}`;
      await insertNotice(r, { title, body: "今晚 20:00 检修线路", emergency: true });
      const later = await insertNotice(r, {
        title: `E2E scheduled ${uniqueTag()}`,
        body: "x",
        emergency: false,
        publishAt: Date.now() + 86_400_000,
      });
      await signIn(page, r, locale);
      const banner = page.getByTestId("emergency-banner");
      await expect(banner).toContainText(fill(p.notices.banner, { title }));
      await expectNoSeriousA11yViolations(page, "/home");
      await page.goto("/guide");
      await expect(banner).toBeVisible(); // on every resident page
      await banner.getByRole("link", { name: new RegExp(title) }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
      // Read: its banner is gone (other emergencies of the community, if any, stay until read).
      await expect(page.getByTestId("emergency-banner").getByText(title)).toHaveCount(0);
      await expectNoSeriousA11yViolations(page, "notice");
      await page.goto("/home");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByTestId("emergency-banner").getByText(title)).toHaveCount(0);
      // Not yet published → not found (the resident loading screen streams, so the page shows the 404), nothing leaks.
      await page.goto(`/community/notices/${later}`);
      await expect(page.getByRole("heading", { name: core.notFound.title })).toBeVisible();
      await expect(page.getByText("E2E scheduled")).toHaveCount(0);
    });

    test("sign up for an activity, then cancel", async ({ page }) => {
      const r = await createPortalResident(locale);
      const title = `E2E 包饺子 ${uniqueTag()}`;
      const id = await insertActivity(r, { title, capacity: 2 });
      await signIn(page, r, locale);
      await page
        .getByRole("navigation", { name: core.nav.mainNav })
        .getByRole("link", { name: core.nav.community })
        .tap();
      await expect(page).toHaveURL(/\/community$/);
      await expectNoSeriousA11yViolations(page, "/community");
      await page.getByRole("link", { name: p.community.activities }).click();
      await page.getByRole("link", { name: new RegExp(title) }).click();
      await expect(page).toHaveURL(new RegExp(`/community/activities/${id}$`));
      await expectNoSeriousA11yViolations(page, "activity");
      await page.getByRole("button", { name: p.activities.signUp }).click();
      await expect(page.getByTestId("my-status")).toHaveText(p.activities.confirmed);
      await expect(page.getByTestId("seats")).toContainText(fill(p.activities.seats, { confirmed: 1, capacity: 2 }));
      await page.getByRole("button", { name: p.activities.cancel }).click();
      await expect(page.getByRole("button", { name: p.activities.signUp })).toBeVisible();
      await expect(page.getByTestId("seats")).toContainText(fill(p.activities.seats, { confirmed: 0, capacity: 2 }));
    });

    test("a gold-card holder orders from the shop with the VIP discount and pays", async ({ page }) => {
      const r = await createPortalResident(locale);
      await giveGoldBadge(r);
      const name = `E2E 大米 ${uniqueTag()}`;
      const productId = await insertProduct(r, { name, priceFen: 10_000, stock: 5 });
      await signIn(page, r, locale);
      await expect(page.getByTestId("gold-card")).toBeVisible();
      await page.goto("/shop");
      await expectNoSeriousA11yViolations(page, "/shop");
      const price = page.getByTestId(`price-${productId}`);
      await expect(price).toContainText(p.shop.vipPrice);
      await expect(price).toContainText("90.00");
      await page.getByTestId(`add-${productId}`).getByLabel(fill(p.shop.quantityOf, { name })).fill("2");
      await page.getByTestId(`add-${productId}`).getByRole("button", { name: p.shop.addToCart }).click();
      await expect(page.getByTestId("cart-link")).toContainText("2");
      await page.getByTestId("cart-link").click();
      await expect(page.getByTestId("vip-discount")).toContainText("20.00");
      await expect(page.getByTestId("cart-total")).toContainText("180.00");
      await expectNoSeriousA11yViolations(page, "/shop/cart");
      await page.getByRole("button", { name: p.shop.placeOrder }).click();
      await expect(page).toHaveURL(/\/shop\/pay\//);
      await expect(page.getByTestId("order-total")).toContainText("180.00");
      await page.getByRole("button", { name: billingMessages(locale).checkout.pay, exact: true }).click(); // the sandbox provider's page
      await expect(page).toHaveURL(/\/shop\/orders\/\d+$/);
      await expect(page.getByTestId("order-status")).toHaveText(p.shop.status.paid);
      await expect(page.getByTestId("order-discount")).toContainText("20.00");
      await expectNoSeriousA11yViolations(page, "order");
    });
  });
}

test("every resident page has no serious or critical accessibility violation", async ({ page }) => {
  test.setTimeout(120_000); // 13 pages, each scanned by axe
  const r = await createPortalResident("zh-CN");
  await insertNotice(r, { title: `E2E 通知 ${uniqueTag()}`, body: "正文", emergency: false });
  await insertActivity(r, { title: `E2E 活动 ${uniqueTag()}`, capacity: 5 });
  await signIn(page, r, "zh-CN");
  for (const path of [
    "/home",
    "/bills",
    "/requests",
    "/requests/new",
    "/guide",
    "/me",
    "/notifications",
    "/community",
    "/community/notices",
    "/community/activities",
    "/shop",
    "/shop/cart",
    "/shop/orders",
  ]) {
    await page.goto(path);
    await expect(page.locator("main h1").first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, path);
  }
});
