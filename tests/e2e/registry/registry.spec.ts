import { expect, test, type Page } from "../support/test";
import enRegistry from "../../../messages/registry/en.json" with { type: "json" };
import zhRegistry from "../../../messages/registry/zh-CN.json" with { type: "json" };
import { authFile, demo } from "../support/demo";
import { newCompanySignedIn } from "../support/companies";
import { uniquePhone, uniqueTag } from "../support/factories";
import { messages } from "../support/messages";

const t = messages();
const r = zhRegistry;

async function goToNewCommunity(page: Page, name: string) {
  await page.goto("/staff/registry");
  await page.getByLabel(r.communityName, { exact: true }).fill(name);
  await page.getByRole("button", { name: r.createCommunity }).click();
  await expect(page).toHaveURL(/\/staff\/registry\/communities\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
}

test("a new company builds its registry: community, building, unit, household; then finds it by 3-2-1201", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await newCompanySignedIn(page);
  const community = `翠湖花园-${uniqueTag()}`;
  await goToNewCommunity(page, community);

  const buildingForm = page.locator("form").filter({ has: page.getByRole("button", { name: r.createBuilding }) });
  await buildingForm.getByLabel(r.buildingCode, { exact: true }).fill("3");
  await buildingForm.getByLabel(r.buildingName, { exact: true }).fill("3栋");
  await buildingForm.getByLabel(r.floors, { exact: true }).fill("18");
  await buildingForm.getByRole("button", { name: r.createBuilding }).click();
  await page.getByRole("link", { name: "3栋" }).click();
  await expect(page).toHaveURL(/\/staff\/registry\/buildings\/\d+$/);

  const unitForm = page.locator("form").filter({ has: page.getByRole("button", { name: r.createUnit }) });
  await unitForm.getByLabel(r.unitNumber, { exact: true }).fill("2-1201");
  await unitForm.getByLabel(r.floor, { exact: true }).fill("12");
  await unitForm.getByLabel(r.areaM2, { exact: true }).fill("0");
  await unitForm.getByRole("button", { name: r.createUnit }).click();
  await expect(unitForm.getByText(t.validation.area.notPositive)).toBeVisible();
  await unitForm.getByLabel(r.areaM2, { exact: true }).fill("20000");
  await unitForm.getByRole("button", { name: r.createUnit }).click();
  await expect(unitForm.getByText(t.validation.area.tooLarge)).toBeVisible();
  await unitForm.getByLabel(r.areaM2, { exact: true }).fill("89.35");
  await unitForm.getByRole("button", { name: r.createUnit }).click();
  await expect(page.getByRole("cell", { name: "3-2-1201" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "89.35 m²" })).toBeVisible();

  // The same number again is refused at the field.
  await unitForm.getByLabel(r.unitNumber, { exact: true }).fill("2-1201");
  await unitForm.getByLabel(r.areaM2, { exact: true }).fill("60");
  await unitForm.getByRole("button", { name: r.createUnit }).click();
  await expect(unitForm.getByText(t.validation.unitTaken)).toBeVisible();

  await page.goto("/staff/registry/households/new");
  const name = `欧阳${uniqueTag().slice(0, 3)}`;
  const phone = uniquePhone();
  await page.getByLabel(r.householdName, { exact: true }).fill(name);
  await page.getByRole("checkbox", { name: "3-2-1201" }).check();
  await page.getByLabel(r.primaryContact, { exact: true }).fill(name);
  await page.getByLabel(r.phone, { exact: true }).fill(phone);
  await page.getByRole("button", { name: r.createHousehold }).click();
  await expect(page).toHaveURL(/\/staff\/registry\/households\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByRole("link", { name: "3-2-1201" })).toBeVisible();

  await page.goto(`/staff/registry/households?q=${encodeURIComponent("3-2-1201")}`);
  await expect(page.getByRole("link", { name })).toBeVisible();
  await page.goto(`/staff/registry/households?q=${phone.slice(-6)}`);
  await expect(page.getByRole("link", { name })).toBeVisible();
  await context.close();
});

test("field errors are translated in English too", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await newCompanySignedIn(page);
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: test.info().project.use.baseURL! }]);
  await page.goto("/staff/registry");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(enRegistry.communitiesTitle);
  await page.getByRole("button", { name: enRegistry.createCommunity }).click();
  await expect(page.getByText(messages("en").validation.required)).toBeVisible();
  await context.close();
});

test.describe("a butler", () => {
  test.use({ storageState: authFile("butler") });

  test("sees only the households of their own buildings", async ({ page }) => {
    await page.goto("/staff/registry/households");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(r.householdsTitle);
    const butlerCells = page.getByRole("row").locator("td:nth-child(5)");
    await expect(butlerCells.first()).toBeVisible();
    expect(new Set(await butlerCells.allTextContents())).toEqual(new Set([demo("butler").name]));
  });

  // SPEC §2: butlers see the registry pages of their own buildings (the matrix in
  // tests/e2e/security/matrix.spec.ts checks that other buildings and communities are 404).
  test("browses the registry of their own buildings: their community, only their buildings, a building's units", async ({
    page,
  }) => {
    const response = await page.goto("/staff/registry");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(r.communitiesTitle);
    const communityLinks = page.getByRole("table").getByRole("link");
    await expect(communityLinks).toHaveCount(1);
    await communityLinks.click();
    await expect(page).toHaveURL(/\/staff\/registry\/communities\/\d+$/);
    const butlerCells = page.getByRole("table").getByRole("row").locator("td:nth-child(4)");
    await expect(butlerCells.first()).toBeVisible();
    expect(new Set(await butlerCells.allTextContents())).toEqual(new Set([demo("butler").name]));
    await expect(page.getByText(r.createBuilding)).toHaveCount(0);
    await page.getByRole("table").getByRole("link").first().click();
    await expect(page).toHaveURL(/\/staff\/registry\/buildings\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("table")).toBeVisible();
  });
});
