import { expect, test } from "../support/test";
import hr from "../../../messages/hr/zh-CN.json" with { type: "json" };
import { authFile, demo } from "../support/demo";

const a = hr.assessments;

test("last quarter's review of the demo butler shows KPIs computed from the demo data; a correction is a new revision; the ranking lists the butlers", async ({
  browser,
}) => {
  const page = await (await browser.newContext({ storageState: authFile("hr") })).newPage();
  await page.goto("/staff/hr/assessments");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(a.title);
  await page.getByRole("link", { name: new RegExp(`^E\\d+ ${demo("butler").name}$`) }).click();
  await expect(page).toHaveURL(/\/staff\/hr\/assessments\/\d+$/);
  const cards = page.getByTestId("kpi-cards");
  await expect(cards.locator("[data-kpi]")).toHaveCount(5);
  // Billing demo data gives a collection rate; sentiment is a score; anything without data says so, never 0.
  await expect(cards.locator('[data-kpi="collectionPct"] div').nth(1)).toHaveText(/^\d{1,3}\.\d%$/);
  await expect(cards.locator('[data-kpi="sentimentMean"] div').nth(1)).toHaveText(/^\d{1,3}\.\d$/);
  // The demo's quality inspections score customer-service items where the butler's buildings are (or none: no data).
  for (const k of ["visitCoveragePct", "complaintSlaPct", "inspectionPct"])
    await expect(cards.locator(`[data-kpi="${k}"] div`).nth(1)).toHaveText(
      new RegExp(`^(\\d{1,3}\\.\\d%|${a.noData})$`),
    );
  await expect(page.getByTestId("grade")).toHaveText(/^[ABCD]$/);

  // Final: no edit form, only a correction with a reason.
  await expect(page.getByTestId("manager-form")).toHaveCount(0);
  const fix = page.getByTestId("correct-form");
  await fix.getByLabel(a.managerScore, { exact: true }).fill("101");
  await fix.getByRole("button", { name: a.correct }).click();
  await expect(fix.getByText(hr.validation.score)).toBeVisible();
  await expect(fix.getByText(hr.validation.reason)).toBeVisible();
  await fix.getByLabel(a.managerScore, { exact: true }).fill("95");
  await fix.getByLabel(a.gradeChoice, { exact: true }).selectOption("A");
  await fix.getByLabel(a.reason, { exact: true }).fill("复核后上调");
  await fix.getByRole("button", { name: a.correct }).click();
  await expect(page.getByText(a.reasonShown.replace("{reason}", "复核后上调"))).toBeVisible();
  await expect(page.getByTestId("grade")).toHaveText("A");
  await expect(page.getByRole("cell", { name: "复核后上调" })).toBeVisible();

  await page.getByRole("link", { name: a.title }).first().click();
  await page.getByRole("link", { name: a.rankingLink }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(a.rankingTitle);
  const rows = page.getByTestId("ranking-row");
  expect(await rows.count()).toBeGreaterThanOrEqual(4);
  await expect(rows.first().locator("td").first()).toHaveText("1");

  // The person's HR page lists the review (the corrected revision).
  await page.goto("/staff/hr/people");
  await page.getByRole("link", { name: demo("butler").name, exact: true }).click();
  await expect(page.getByTestId("person-reviews").getByText(/^\d{4}Q[1-4]$/)).toBeVisible();
  await expect(page.getByTestId("person-reviews")).toContainText("A");

  // A butler may not open HR's assessment pages.
  const butler = await (await browser.newContext({ storageState: authFile("butler") })).newPage();
  expect((await butler.goto("/staff/hr/assessments"))?.status()).toBe(403);
  expect((await butler.goto("/staff/hr/assessments/ranking"))?.status()).toBe(403);
  expect((await page.goto("/staff/hr/assessments/999999999"))?.status()).toBe(404);
});

test("HR runs a training course: bad input is refused with the reason; the person sees the completion on a phone", async ({
  browser,
}) => {
  const page = await (await browser.newContext({ storageState: authFile("hr") })).newPage();
  const t = hr.training;
  await page.goto("/staff/hr/training");
  const form = page.getByTestId("course-form");
  await form.getByLabel(t.courseTitle, { exact: true }).fill("客户满意度提升");
  await form.getByLabel(t.hours, { exact: true }).fill("abc");
  await form.getByRole("button", { name: t.createButton }).click();
  await expect(form.getByText(hr.validation.hours)).toBeVisible();
  await form.getByLabel(t.hours, { exact: true }).fill("1.5");
  await form.getByLabel(t.trainer, { exact: true }).fill("周老师");
  await form.getByRole("button", { name: t.createButton }).click();
  await expect(page).toHaveURL(/\/staff\/hr\/training\/\d+$/);
  const person = demo("legal");
  const enrol = page.getByTestId("enrol-form");
  const option = await enrol.locator("option", { hasText: person.name }).getAttribute("value");
  await enrol.getByLabel(t.person, { exact: true }).selectOption(option ?? "");
  await enrol.getByRole("button", { name: t.enrolButton }).click();
  const row = page.getByRole("row").filter({ hasText: person.name });
  await expect(row).toBeVisible();
  await row.getByLabel(t.score).fill("90");
  await row.getByRole("button", { name: t.complete }).click();
  await expect(row.getByText(hr.validation.notAttended)).toBeVisible();
  await row.getByRole("button", { name: t.markAttended }).click();
  await expect(row.getByText(t.state.attended)).toBeVisible();
  await row.getByLabel(t.score).fill("101");
  await row.getByRole("button", { name: t.complete }).click();
  await expect(row.getByText(hr.validation.score)).toBeVisible();
  await row.getByLabel(t.score).fill("88");
  await row.getByRole("button", { name: t.complete }).click();
  await expect(row.getByText(t.completedWith.replace("{score}", "88"))).toBeVisible();

  const phone = await (
    await browser.newContext({
      storageState: authFile("legal"),
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
    })
  ).newPage();
  await phone.goto("/staff/me/record");
  const mine = phone.getByTestId("training-record");
  await expect(mine.getByText("客户满意度提升")).toBeVisible();
  await expect(mine.getByText(t.scoreShort.replace("{score}", "88"))).toBeVisible();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  expect((await phone.goto("/staff/hr/training"))?.status()).toBe(403);
});
