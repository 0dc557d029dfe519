import { expect, test } from "../support/test";
import { authFile, demo } from "../support/demo";
import { signInThroughForm } from "../support/factories";
import { messages } from "../support/messages";

const t = messages();

test.describe("signed out", () => {
  for (const path of ["/staff", "/home", "/me", "/staff/admin/users"]) {
    test(`${path} sends the visitor to sign-in`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL(
        (url) => url.pathname === "/sign-in" && url.searchParams.get("callbackUrl") === path,
      );
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.auth.signInTitle);
    });
  }

  test("after signing in, the visitor lands on the page they asked for", async ({ page }) => {
    const admin = demo("admin");
    await page.goto("/staff/admin/users");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
    await signInThroughForm(page, admin.email, admin.password);
    await expect(page).toHaveURL(/\/staff\/admin\/users$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.admin.staffTitle);
  });
});

async function expectForbidden(page: import("@playwright/test").Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `HTTP status of ${path}`).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.forbidden.title);
  await expect(page.getByText(t.forbidden.body)).toBeVisible();
}

test.describe("a resident", () => {
  test.use({ storageState: authFile("resident") });

  for (const path of ["/staff", "/staff/admin/users"]) {
    test(`is refused ${path}`, async ({ page }) => {
      await expectForbidden(page, path);
    });
  }
});

test.describe("a butler", () => {
  test.use({ storageState: authFile("butler") });

  test("is refused the admin's staff page", async ({ page }) => {
    await expectForbidden(page, "/staff/admin/users");
  });

  test("does not see admin entries in the sidebar", async ({ page }) => {
    await page.goto("/staff");
    const sidebar = page.getByRole("complementary");
    await expect(sidebar.getByRole("link", { name: t.nav.dashboard })).toBeVisible();
    await expect(sidebar.getByRole("link", { name: t.nav.staff })).toHaveCount(0);
    await expect(sidebar.getByRole("link", { name: t.nav.audit })).toHaveCount(0);
  });
});
