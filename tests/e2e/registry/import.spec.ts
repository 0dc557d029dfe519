import { expect, test, type Page } from "../support/test";
import iconv from "iconv-lite";
import zhImport from "../../../messages/import/zh-CN.json" with { type: "json" };
import zhRegistry from "../../../messages/registry/zh-CN.json" with { type: "json" };
import { authFile } from "../support/demo";
import { newCompanySignedIn } from "../support/companies";
import { uniqueTag } from "../support/factories";
import { messages } from "../support/messages";

const t = messages();
const im = zhImport;

/** Fills {name} and {name, number} placeholders (the numbers here are small: no grouping). */
const fmt = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)(?:, number)?\}/g, (_, k: string) => String(values[k]));

/** A CSV file for the file input (Papa-free: these cells hold no commas, quotes or line breaks). */
function csvFile(name: string, rows: string[][], encoding: "utf-8-bom" | "gb18030" = "utf-8-bom") {
  const text = rows.map((r) => r.join(",")).join("\r\n");
  const buffer = encoding === "gb18030" ? iconv.encode(text, "gb18030") : Buffer.from("\ufeff" + text, "utf8");
  return { name, mimeType: "text/csv", buffer };
}

/** The dashboard's household count. */
async function dashboardHouseholds(page: Page): Promise<string> {
  await page.goto("/staff");
  const stat = page.locator("main").getByText(t.staff.households, { exact: true }).locator("..");
  return (await stat.locator("div").last().textContent()) ?? "";
}

async function newCommunity(page: Page, name: string): Promise<string> {
  await page.goto("/staff/registry");
  await page.getByLabel(zhRegistry.communityName, { exact: true }).fill(name);
  await page.getByRole("button", { name: zhRegistry.createCommunity }).click();
  await expect(page).toHaveURL(/\/staff\/registry\/communities\/\d+$/);
  return /communities\/(\d+)$/.exec(page.url())![1];
}

const importForm = (page: Page) => page.locator("form").filter({ has: page.getByRole("button", { name: im.check }) });

async function chooseKind(page: Page, label: string) {
  await importForm(page).getByRole("group", { name: im.kindLabel }).getByText(label, { exact: true }).click();
  await expect(importForm(page).getByRole("radio", { name: label })).toBeChecked();
}

async function checkAndImport(page: Page, file: ReturnType<typeof csvFile>, rows: number) {
  await page.getByLabel(im.fileLabel, { exact: true }).setInputFiles(file);
  await page.getByRole("button", { name: im.check }).click();
  await expect(page.getByText(fmt(im.summary.allValid, { rows }))).toBeVisible();
  await page.getByRole("button", { name: fmt(im.importRows, { rows }) }).click();
  await expect(page.getByRole("heading", { name: im.done.title })).toBeVisible({ timeout: 20_000 });
}

test("an admin imports buildings, then units & households (GB18030, a flat with its parking space), sees the households, and the dashboard counts go up", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await newCompanySignedIn(page);
  expect(await dashboardHouseholds(page)).toBe("0");
  const community = `导入花园-${uniqueTag()}`;
  const communityId = await newCommunity(page, community);

  await page.goto("/staff/registry/import");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(im.title);
  await chooseKind(page, im.kind.buildings);
  await checkAndImport(
    page,
    csvFile("楼栋.csv", [
      ["小区 community", "楼栋编号 building_code", "楼栋名称 building_name", "楼层数 floors"],
      [community, "1", "1栋", "18"],
      [community, "2", "2栋", "11"],
    ]),
    2,
  );
  await page.getByRole("button", { name: im.done.again }).click();

  await chooseKind(page, im.kind.units);
  await importForm(page).getByLabel(im.community, { exact: true }).selectOption(communityId);
  await checkAndImport(
    page,
    csvFile(
      "房屋.csv",
      [
        ["楼栋编号", "房号", "楼层", "面积", "房屋类型", "客户编号", "客户名称", "客户类型", "联系人1", "联系人1电话"],
        ["1", "1-101", "1", "89.5", "住宅", "A", "欧阳娜娜", "业主", "欧阳娜娜", "13912340001"],
        ["1", "B1-001", "-1", "12", "车位", "A", "", "", "", ""],
        ["2", "1-0301", "3", "120.25", "住宅", "", "司马光", "租户", "司马光", "13912340002"],
      ],
      "gb18030",
    ),
    3,
  );
  const households = page.getByRole("table").filter({ hasText: im.done.code });
  await expect(households.getByRole("row", { name: /欧阳娜娜/ })).toContainText("1-1-101、1-B1-001");
  await expect(households.getByRole("row", { name: /司马光/ })).toContainText("2-1-0301");

  expect(await dashboardHouseholds(page)).toBe("2");
  await context.close();
});

test("a file with errors writes nothing until only the valid rows are imported, after a confirmation", async ({
  browser,
}) => {
  test.slow(); // a sign-up, two imports and the admin's workbench (several sections): over 60 s with both cores busy
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await newCompanySignedIn(page);
  const communityId = await newCommunity(page, `校验花园-${uniqueTag()}`);
  await page.goto(`/staff/registry/communities/${communityId}`);
  const buildingForm = page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: zhRegistry.createBuilding }) });
  await buildingForm.getByLabel(zhRegistry.buildingCode, { exact: true }).fill("3");
  await buildingForm.getByLabel(zhRegistry.buildingName, { exact: true }).fill("3栋");
  await buildingForm.getByRole("button", { name: zhRegistry.createBuilding }).click();
  await expect(page.getByRole("link", { name: "3栋" })).toBeVisible();

  await page.goto("/staff/registry/import");
  await importForm(page).getByLabel(im.community, { exact: true }).selectOption(communityId);
  await page.getByLabel(im.fileLabel, { exact: true }).setInputFiles(
    csvFile("有错.csv", [
      ["楼栋编号", "房号", "面积", "客户名称", "联系人1", "联系人1电话"],
      ["3", "1-101", "90", "甲", "甲", "13912340011"],
      ["3", "1-102", "0", "乙", "乙", "13912340012"],
      ["9", "1-103", "90", "丙", "丙", "13912340013"],
    ]),
  );
  await page.getByRole("button", { name: im.check }).click();
  const errors = page.getByRole("table").filter({ hasText: im.errors.problem });
  await expect(errors.getByRole("row", { name: /^3 / })).toContainText(t.validation.area.notPositive);
  await expect(errors.getByRole("row", { name: /^4 / })).toContainText(fmt(im.problem.unknownBuilding, { value: "9" }));

  const importValid = page.getByRole("button", { name: fmt(im.importValidRows, { valid: 1, invalid: 2 }) });
  await expect(importValid).toBeDisabled();
  await page.getByRole("checkbox").check();
  await importValid.click();
  await expect(page.getByRole("alertdialog")).toContainText(im.confirm.title);
  await page.getByRole("button", { name: im.confirm.yes }).click();
  await expect(page.getByRole("heading", { name: im.done.title })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("row", { name: /甲/ })).toContainText("3-1-101");
  expect(await dashboardHouseholds(page)).toBe("1");

  // The demo company's first community is another tenant's: not found, not data.
  expect((await page.request.get("/api/registry/import/export?kind=units&communityId=1")).status()).toBe(404);
  const foreign = await page.request.post("/api/registry/import/apply?kind=units&communityId=1&name=x.csv", {
    data: "楼栋编号,房号,面积\n1,X-1,80\n",
  });
  expect(foreign.status()).toBe(404);
  await context.close();
});

test.describe("a butler", () => {
  test.use({ storageState: authFile("butler") });

  test("is refused the import page, its downloads and its uploads", async ({ page }) => {
    const response = await page.goto("/staff/registry/import");
    expect(response?.status()).toBe(403);
    expect((await page.request.get("/api/registry/import/template?kind=units")).status()).toBe(403);
    expect((await page.request.get("/api/registry/import/export?kind=units&communityId=1")).status()).toBe(403);
    expect(
      (
        await page.request.post("/api/registry/import/apply?kind=buildings", { data: "小区,楼栋编号,楼栋名称\n" })
      ).status(),
    ).toBe(403);
  });
});
