import { expect, test } from "../support/test";
import { authFile } from "../support/demo";
import { messages } from "../support/messages";

const t = messages();

test.use({ storageState: authFile("resident"), viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

test("the resident home fits a 375 px phone, with the household and the bottom navigation", async ({ page }) => {
  await page.goto("/home");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.roleHome.resident);

  const bottomNav = page.getByRole("navigation", { name: t.nav.mainNav });
  await expect(bottomNav).toBeInViewport();
  await expect(bottomNav.getByRole("link", { name: t.nav.home })).toHaveAttribute("aria-current", "page");
  await expect(bottomNav.getByRole("link", { name: t.nav.me })).toBeVisible();

  const homes = page.locator("section").filter({ has: page.getByRole("heading", { name: t.resident.myHouseholds }) });
  await expect(homes).toBeVisible();
  await expect(homes.getByText(t.resident.relation.owner).first()).toBeVisible();
  await expect(homes).toContainText("翠湖花园");

  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, "no horizontal scrolling at 375 px").toBeLessThanOrEqual(0);

  await bottomNav.getByRole("link", { name: t.nav.me }).tap();
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.profile.title);
});
