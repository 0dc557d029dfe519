import { expect, test, type Page } from "../support/test";
import zhRegistry from "../../../messages/registry/zh-CN.json" with { type: "json" };
import { newCompanySignedIn } from "../support/companies";
import { uniqueEmail, uniquePhone, uniqueTag } from "../support/factories";
import { messages } from "../support/messages";

const t = messages();
const r = zhRegistry;

/** The admin adds a staff member who is both project manager and butler; returns the name. */
async function addManagerButler(page: Page): Promise<string> {
  const name = `分配${uniqueTag().slice(0, 4)}`;
  await page.goto("/staff/admin/users");
  await page.getByLabel(t.admin.name, { exact: true }).fill(name);
  await page.getByLabel(t.admin.phone, { exact: true }).fill(uniquePhone());
  await page.getByLabel(t.admin.email, { exact: true }).fill(uniqueEmail("assign"));
  await page.getByLabel(t.admin.initialPassword, { exact: true }).fill(`Pw-${uniqueTag()}-2026`);
  const addForm = page.locator("form").filter({ has: page.getByRole("button", { name: t.admin.create }) });
  await addForm.getByRole("checkbox", { name: t.roles.project_manager, exact: true }).check();
  await addForm.getByRole("checkbox", { name: t.roles.butler, exact: true }).check();
  await page.getByRole("button", { name: t.admin.create }).click();
  await expect(page.getByRole("status")).toHaveText(t.admin.created);
  return name;
}

/**
 * Picks `name` in the assignment select labelled `label` (saved on change, no form: the page's
 * forms have labelled selects of their own), waits for "saved", and checks it after a reload.
 */
async function assignAndReload(page: Page, label: string, name: string) {
  const select = page.locator(`select[aria-label="${label}"]`);
  await expect(select.locator("option:checked")).toHaveText(r.unassigned);
  await select.selectOption({ label: name });
  await expect(page.getByText(t.common.saved, { exact: true })).toBeVisible();
  await page.reload();
  await expect(select.locator("option:checked")).toHaveText(name);
}

test("the admin assigns a community's project manager and a building's butler; both are kept", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await newCompanySignedIn(page);
  const person = await addManagerButler(page);

  const community = `分配花园-${uniqueTag()}`;
  await page.goto("/staff/registry");
  await page.getByLabel(r.communityName, { exact: true }).fill(community);
  await page.getByRole("button", { name: r.createCommunity }).click();
  await expect(page).toHaveURL(/\/staff\/registry\/communities\/\d+$/);
  await assignAndReload(page, r.projectManager, person);

  const buildingForm = page.locator("form").filter({ has: page.getByRole("button", { name: r.createBuilding }) });
  await buildingForm.getByLabel(r.buildingCode, { exact: true }).fill("1");
  await buildingForm.getByLabel(r.buildingName, { exact: true }).fill("1栋");
  await buildingForm.getByLabel(r.floors, { exact: true }).fill("6");
  await buildingForm.getByRole("button", { name: r.createBuilding }).click();
  await page.getByRole("link", { name: "1栋" }).click();
  await expect(page).toHaveURL(/\/staff\/registry\/buildings\/\d+$/);
  // A building's butler moves its households: the change waits for a confirmation, then offers an undo.
  const select = page.locator(`select[aria-label="${r.butler}"]`);
  await expect(select.locator("option:checked")).toHaveText(r.unassigned);
  await select.selectOption({ label: person });
  const confirm = page.getByRole("alertdialog", { name: r.butler });
  await confirm.getByRole("button").first().click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByTestId(/^building-move-/).getByRole("status")).toBeVisible();
  await page.reload();
  await expect(select.locator("option:checked")).toHaveText(person);
  await context.close();
});
