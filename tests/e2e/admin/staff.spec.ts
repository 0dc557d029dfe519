import { expect, test } from "../support/test";
import { authFile } from "../support/demo";
import { signInThroughForm, uniqueEmail, uniquePhone, uniqueTag } from "../support/factories";
import { messages } from "../support/messages";

const t = messages();

test.use({ storageState: authFile("admin") });

test("the admin creates a staff member with two roles, who can then sign in", async ({ page, browser }) => {
  const member = {
    name: `测试员工${uniqueTag().slice(0, 4)}`,
    phone: uniquePhone(),
    email: uniqueEmail("staff"),
    password: `Pw-${uniqueTag()}-2026`,
  };

  await page.goto("/staff/admin/users");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.admin.staffTitle);
  await page.getByLabel(t.admin.name, { exact: true }).fill(member.name);
  await page.getByLabel(t.admin.phone, { exact: true }).fill(member.phone);
  await page.getByLabel(t.admin.email, { exact: true }).fill(member.email);
  await page.getByLabel(t.admin.initialPassword, { exact: true }).fill(member.password);
  const addForm = page.locator("form").filter({ has: page.getByRole("button", { name: t.admin.create }) });
  await addForm.getByRole("checkbox", { name: t.roles.project_manager, exact: true }).check();
  await addForm.getByRole("checkbox", { name: t.roles.butler, exact: true }).check();
  await page.getByRole("button", { name: t.admin.create }).click();

  await expect(page.getByRole("status")).toHaveText(t.admin.created);
  const row = page.getByRole("row").filter({ hasText: member.phone });
  await expect(row).toContainText(member.name);
  await expect(row).toContainText(t.roles.project_manager);
  await expect(row).toContainText(t.roles.butler);

  const fresh = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const staff = await fresh.newPage();
    await signInThroughForm(staff, member.phone, member.password);
    await expect(staff).toHaveURL(/\/staff$/);
    // The most senior of the two roles decides the workspace.
    await expect(staff.getByRole("heading", { level: 1 })).toHaveText(t.roleHome.project_manager);
    await expect(staff.getByRole("complementary").getByRole("link", { name: t.nav.staff })).toHaveCount(0);
  } finally {
    await fresh.close();
  }
});
