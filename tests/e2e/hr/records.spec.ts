import { expect, test } from "../support/test";
import hr from "../../../messages/hr/zh-CN.json" with { type: "json" };
import { authFile, demo } from "../support/demo";

test("HR edits a seeded staff record; the person sees it on their own record page; others get 403", async ({
  browser,
}) => {
  const page = await (await browser.newContext({ storageState: authFile("hr") })).newPage();
  await page.goto("/staff/hr/people");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(hr.peopleTitle);
  await expect(page.getByRole("cell", { name: "E0001" })).toBeVisible();
  await page.getByRole("link", { name: demo("legal").name, exact: true }).click();
  await expect(page).toHaveURL(/\/staff\/hr\/people\/\d+$/);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: hr.save, exact: true }) });
  await form.getByLabel(hr.position, { exact: true }).fill("");
  await form.getByRole("button", { name: hr.save, exact: true }).click();
  await expect(form.getByRole("alert").first()).toHaveText(/./);
  await form.getByLabel(hr.position, { exact: true }).fill("高级法务");
  await form.getByLabel(hr.hireDate, { exact: true }).fill("2021-06-01");
  await form.getByLabel(hr.statusLabel, { exact: true }).selectOption({ label: hr.status.on_leave });
  await form.getByRole("button", { name: hr.save, exact: true }).click();
  await expect(form.getByRole("status")).toBeVisible();

  const legal = await (await browser.newContext({ storageState: authFile("legal") })).newPage();
  await legal.goto("/staff/me/record");
  await expect(legal.getByRole("heading", { level: 1 })).toHaveText(hr.myRecordTitle);
  await expect(legal.getByText("高级法务")).toBeVisible();
  await expect(legal.getByText(hr.status.on_leave)).toBeVisible();
  expect((await legal.goto("/staff/hr/people"))?.status()).toBe(403);
  const recordUrl = page.url();
  expect((await legal.goto(recordUrl))?.status()).toBe(403);
  // HR gets a 404 for an id that is not a record of the company.
  expect((await page.goto("/staff/hr/people/999999999"))?.status()).toBe(404);
});

test("HR records a promotion dated today: it applies at once and shows in the person's history", async ({
  browser,
}) => {
  const page = await (await browser.newContext({ storageState: authFile("hr") })).newPage();
  await page.goto("/staff/hr/people");
  await page.getByRole("link", { name: demo("finance").name, exact: true }).click();
  await expect(page).toHaveURL(/\/staff\/hr\/people\/\d+$/);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: hr.changes.record }) });
  await form.getByLabel(hr.changes.kind, { exact: true }).selectOption({ label: hr.changes.kinds.promotion });
  await form.getByRole("button", { name: hr.changes.record }).click();
  await expect(form.getByText(hr.validation.reason)).toBeVisible();
  await form.getByLabel(hr.changes.toPosition, { exact: true }).fill("财务主管");
  await form.getByLabel(hr.changes.reason, { exact: true }).fill("年度考核优秀");
  await form.getByRole("button", { name: hr.changes.record }).click();
  await expect(page.getByText("年度考核优秀")).toBeVisible();
  await expect(page.getByText(hr.changes.applied)).toBeVisible();
  await expect(page.getByText("→ 财务主管")).toBeVisible();

  const finance = await (await browser.newContext({ storageState: authFile("finance") })).newPage();
  await finance.goto("/staff/me/record");
  await expect(finance.getByText("年度考核优秀")).toBeVisible();
});
