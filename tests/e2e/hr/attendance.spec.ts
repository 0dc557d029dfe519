import { expect, test } from "../support/test";
import hr from "../../../messages/hr/zh-CN.json" with { type: "json" };
import { authFile, demo } from "../support/demo";

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

test("a technician clocks in and out on a phone; a second tap is refused; HR sees the day on the monthly sheet and in the CSV", async ({
  browser,
}) => {
  const hrPage = await (await browser.newContext({ storageState: authFile("hr") })).newPage();
  await hrPage.goto("/staff/hr/attendance");
  const row = hrPage.getByRole("row").filter({ hasText: demo("technician").name });
  const presentBefore = Number(await row.locator("td").nth(3).textContent());
  const phone = await browser.newContext({ storageState: authFile("technician"), ...PHONE });
  const tech = await phone.newPage();
  const staleTab = await phone.newPage();
  await staleTab.goto("/staff/attendance");
  await tech.goto("/staff/attendance");
  await expect(tech.getByRole("heading", { level: 1 })).toHaveText(hr.attendance.myTitle);
  await expect(tech.getByTestId("today-in")).toHaveText("—");
  await tech.getByRole("button", { name: hr.attendance.clockIn }).click();
  await expect(tech.getByRole("status")).toHaveText(hr.attendance.clockedIn);
  await expect(tech.getByTestId("today-in")).toHaveText(/^\d{2}:\d{2}$/);
  // A second tap (from a tab opened before the first) is refused with a clear message.
  await staleTab.getByRole("button", { name: hr.attendance.clockIn }).click();
  await expect(staleTab.getByText(hr.attendance.alreadyClockedIn)).toBeVisible();
  await tech.getByRole("button", { name: hr.attendance.clockOut }).click();
  await expect(tech.getByText(hr.attendance.doneToday)).toBeVisible();
  await expect(tech.getByTestId("today-out")).toHaveText(/^\d{2}:\d{2}$/);
  // Nothing sticks out sideways on a 375 px screen.
  expect(await tech.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  // The technician may not open HR's pages or export.
  expect((await tech.goto("/staff/hr/attendance"))?.status()).toBe(403);
  expect((await tech.request.get("/staff/hr/attendance/csv")).status()).toBe(403);
  expect((await tech.goto("/staff/hr/people"))?.status()).toBe(403);

  await hrPage.goto("/staff/hr/attendance");
  await expect(hrPage.getByRole("heading", { level: 1 })).toHaveText(hr.sheet.title);
  await expect(row.locator("td").nth(3)).toHaveText(String(presentBefore + 1));
  const csv = await hrPage.request.get("/staff/hr/attendance/csv");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain(demo("technician").name);
});

test("HR corrects an entry with a reason; the correction is listed", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: authFile("hr") })).newPage();
  await page.goto("/staff/hr/attendance");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: hr.sheet.correct }) });
  const legal = (await form.locator("option", { hasText: demo("legal").name }).textContent()) ?? "";
  await form.getByLabel(hr.sheet.person, { exact: true }).selectOption({ label: legal });
  await form.getByLabel(hr.sheet.reason, { exact: true }).fill("x");
  await form.getByRole("button", { name: hr.sheet.correct }).click();
  await expect(form.getByText(hr.validation.reason)).toBeVisible();
  await form.getByLabel(hr.sheet.reason, { exact: true }).fill("外出培训，主管确认");
  await form.getByRole("button", { name: hr.sheet.correct }).click();
  await expect(form.getByRole("status")).toBeVisible();
  await expect(page.getByRole("cell", { name: "外出培训，主管确认" }).first()).toBeVisible();
});
