import { expect, test } from "../support/test";
import hr from "../../../messages/hr/zh-CN.json" with { type: "json" };
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { memberships, staffRecords, users } from "../../../db/schema";
import { hashPassword } from "../../../lib/auth/password";
import { withE2eDb } from "../support/db";
import { authFile, demo } from "../support/demo";
import { signInThroughForm } from "../support/factories";

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

/** A technician of the demo company of this test's own, with a staff record and no attendance yet. */
async function ownTechnician() {
  const tag = randomBytes(4).toString("hex");
  const login = { email: `tech-${tag}@e2e.guanjia.test`, password: `Pw-${tag}-2026`, name: `维修考勤${tag}` };
  await withE2eDb(async (db) => {
    const [admin] = await db
      .select({ companyId: memberships.companyId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.phone, demo("admin").phone))
      .limit(1);
    const [u] = await db
      .insert(users)
      .values({ name: login.name, email: login.email, passwordHash: await hashPassword(login.password) })
      .returning();
    await db.insert(memberships).values({ companyId: admin.companyId, userId: u.id, role: "technician" });
    await db.insert(staffRecords).values({
      companyId: admin.companyId,
      userId: u.id,
      employeeNo: `E2E-${tag}`,
      name: login.name,
      position: "维修工",
      hireDate: "2026-01-01",
    });
  });
  return login;
}

test("a technician clocks in and out on a phone; a second tap is refused; HR sees the day on the monthly sheet and in the CSV", async ({
  browser,
}) => {
  const hrPage = await (await browser.newContext({ storageState: authFile("hr") })).newPage();
  await hrPage.goto("/staff/hr/attendance");
  const own = await ownTechnician();
  await hrPage.reload();
  const row = hrPage.getByRole("row").filter({ hasText: own.name });
  const presentBefore = Number(await row.locator("td").nth(3).textContent());
  const phone = await browser.newContext(PHONE);
  const tech = await phone.newPage();
  await signInThroughForm(tech, own.email, own.password);
  await tech.waitForURL(/\/staff/);
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
  expect(await csv.text()).toContain(own.name);
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
