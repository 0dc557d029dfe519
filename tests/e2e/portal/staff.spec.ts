import { expect, test } from "../support/test";
import { authFile } from "../support/demo";
import { uniqueTag } from "../support/factories";
import { messages } from "../support/messages";
import { portalMessages } from "./support";

const t = messages();
const p = portalMessages();

test.describe("staff portal pages", () => {
  test.use({ storageState: authFile("front_desk") });

  test("front desk publishes an announcement; bad input gets translated errors and writes nothing", async ({
    page,
  }) => {
    await page.goto("/staff/portal/notices");
    const form = page.getByTestId("notice-form");
    await form.getByRole("button", { name: p.staffNotices.submit }).click();
    await expect(form.getByText(t.validation.required).first()).toBeVisible();
    const title = `E2E 公告 ${uniqueTag()}`;
    await form.getByLabel(p.staffNotices.titleField).fill(title);
    await form.getByLabel(p.staffNotices.body).fill("电梯年检，暂停使用两小时。");
    await form.getByLabel(p.staffNotices.pinned).check();
    await form.getByRole("button", { name: p.staffNotices.submit }).click();
    const row = page.locator("tr", { hasText: title });
    await expect(row).toBeVisible();
    await expect(row).toContainText(p.staffNotices.published);
    await expect(row).toContainText(/0 \/ \d+/);
  });

  test("front desk creates an activity; an end before the start is refused", async ({ page }) => {
    await page.goto("/staff/portal/activities");
    const form = page.getByTestId("activity-form");
    const title = `E2E 活动 ${uniqueTag()}`;
    await form.getByLabel(p.staffActivities.titleField).fill(title);
    await form.getByLabel(p.staffActivities.place).fill("会所");
    await form.getByLabel(p.staffActivities.startsAt).fill("2030-05-01T10:00");
    await form.getByLabel(p.staffActivities.endsAt).fill("2030-05-01T09:00");
    await form.getByLabel(p.staffActivities.signupDeadline).fill("2030-04-30T20:00");
    await form.getByLabel(p.staffActivities.capacity).fill("20");
    await form.getByLabel(p.staffActivities.description).fill("E2E");
    await form.getByRole("button", { name: p.staffActivities.submit }).click();
    await expect(form.getByText(p.errors.endsBeforeStart)).toBeVisible();
    await expect(page.locator("tr", { hasText: title })).toHaveCount(0);
    await form.getByLabel(p.staffActivities.endsAt).fill("2030-05-01T12:00");
    await form.getByRole("button", { name: p.staffActivities.submit }).click();
    await page.locator("tr", { hasText: title }).getByRole("link", { name: title }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByText(p.staffActivities.nobody)).toBeVisible();
  });
});

test.describe("shop staff pages are role-gated", () => {
  test.use({ storageState: authFile("technician") });

  test("a technician gets 403 on the shop and announcement pages", async ({ page }) => {
    for (const path of ["/staff/portal/shop", "/staff/portal/shop/orders", "/staff/portal/notices"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: t.forbidden.title })).toBeVisible();
    }
  });
});
