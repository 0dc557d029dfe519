import { expect, test, type Browser, type Page } from "../support/test";
import ap from "../../../messages/approvals/zh-CN.json" with { type: "json" };
import apEn from "../../../messages/approvals/en.json" with { type: "json" };
import fin from "../../../messages/finance/zh-CN.json" with { type: "json" };
import finEn from "../../../messages/finance/en.json" with { type: "json" };
import { authFile } from "../support/demo";
import { messages } from "../support/messages";

type Role = Parameters<typeof authFile>[0];
const zh = messages("zh-CN");

async function as(browser: Browser, role: Role, locale?: "en"): Promise<Page> {
  const ctx = await browser.newContext({ storageState: authFile(role) });
  if (locale)
    await ctx.addCookies([
      { name: "NEXT_LOCALE", value: locale, url: test.info().project.use.baseURL ?? "http://127.0.0.1" },
    ]);
  return ctx.newPage();
}

/** "¥15,000.00" / "-¥1.00" → yuan as a number. */
const yuanOf = (text: string) => Number(text.replace(/[^\d.-]/g, ""));
const shanghaiMonth = () =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", month: "2-digit" }).format(new Date());

test("a ¥15,000 expense goes supervisor → project manager → finance, then shows in the month's actuals", async ({
  browser,
}) => {
  test.setTimeout(180_000); // five signed-in people on a busy machine
  const month = shanghaiMonth();
  const financePage = await as(browser, "finance");
  await financePage.goto("/staff/finance");
  await expect(financePage.getByRole("heading", { level: 1 })).toHaveText(fin.title);
  const before = yuanOf(await financePage.getByTestId(`expense-actual-${month}`).innerText());

  // The butler asks; a zero amount is refused next to the field, nothing written.
  const butler = await as(browser, "butler");
  await butler.goto("/staff/approvals/new?type=expense");
  const form = butler.getByTestId("request-form");
  const title = `E2E 水泵维修 ${Date.now()}`;
  await form.getByLabel(ap.fields.category, { exact: true }).selectOption({ label: fin.codes.exp_repairs });
  await form.getByLabel(ap.fields.title, { exact: true }).fill(title);
  await form.getByLabel(ap.fields.amount, { exact: true }).fill("0");
  await form.getByRole("button", { name: ap.actions.submit, exact: true }).click();
  await expect(form.getByText(ap.errors.amount)).toBeVisible();
  await form.getByLabel(ap.fields.amount, { exact: true }).fill("15000");
  await form.getByRole("button", { name: ap.actions.submit, exact: true }).click();
  await expect(butler).toHaveURL(/\/staff\/approvals\/\d+$/);
  const url = new URL(butler.url()).pathname;
  await expect(butler.getByRole("heading", { level: 1 })).toContainText(title);
  await expect(butler.getByTestId("step-0")).toHaveAttribute("data-state", "current");
  await expect(butler.getByTestId("step-0")).toContainText(zh.roles.supervisor);
  await expect(butler.getByTestId("step-1")).toContainText(zh.roles.project_manager);
  await expect(butler.getByTestId("step-2")).toContainText(zh.roles.finance);
  await expect(butler.getByTestId("decision-form")).toHaveCount(0);

  // Not the project manager's turn yet; a technician cannot open it at all.
  const pm = await as(browser, "project_manager");
  await pm.goto(url);
  await expect(pm.getByTestId("decision-form")).toHaveCount(0);
  const tech = await as(browser, "technician");
  expect((await tech.goto(url))?.status()).toBe(404);
  expect((await tech.goto("/staff/finance"))?.status()).toBe(403);

  // Supervisor: the request waits in their list, they approve.
  const sup = await as(browser, "supervisor");
  await sup.goto("/staff/approvals?tab=waiting");
  await sup.getByRole("link", { name: title }).click();
  await expect(sup.getByTestId("decision-form")).toBeVisible();
  await sup.getByRole("button", { name: ap.actions.approve, exact: true }).click();
  await expect(sup.getByTestId("step-0")).toHaveAttribute("data-state", "done");
  await expect(sup.getByTestId("decision-form")).toHaveCount(0);

  await pm.reload();
  await pm.getByRole("button", { name: ap.actions.approve, exact: true }).click();
  await expect(pm.getByTestId("step-1")).toHaveAttribute("data-state", "done");

  await financePage.goto(url);
  await financePage.getByLabel(ap.actions.comment).fill("已复核发票");
  await financePage.getByRole("button", { name: ap.actions.approve, exact: true }).click();
  await expect(financePage.getByTestId("step-2")).toHaveAttribute("data-state", "done");
  await expect(financePage.getByText(ap.status.approved).first()).toBeVisible();
  await expect(financePage.getByTestId("timeline")).toContainText("已复核发票");

  await financePage.goto("/staff/finance");
  const after = yuanOf(await financePage.getByTestId(`expense-actual-${month}`).innerText());
  expect(after - before).toBeCloseTo(15000, 2);

  // The butler sees the outcome in English too.
  const butlerEn = await as(browser, "butler", "en");
  await butlerEn.goto(url);
  await expect(butlerEn.getByText(apEn.status.approved).first()).toBeVisible();
  await expect(butlerEn.getByTestId("step-2")).toContainText(messages("en").roles.finance);
});

test("procurement lines show a live total; the request page shows the server's total", async ({ browser }) => {
  const page = await as(browser, "front_desk");
  await page.goto("/staff/approvals/new?type=procurement");
  const form = page.getByTestId("request-form");
  await form.getByLabel(ap.fields.category, { exact: true }).selectOption({ label: fin.codes.exp_procurement });
  await form.getByLabel(ap.fields.title, { exact: true }).fill(`E2E 保洁用品 ${Date.now()}`);
  const line0 = form.getByTestId("line-0");
  await line0.getByLabel(ap.fields.item, { exact: true }).fill("扫帚");
  await line0.getByLabel(ap.fields.quantity, { exact: true }).fill("3");
  await line0.getByLabel(ap.fields.unitPrice, { exact: true }).fill("25.50");
  await form.getByRole("button", { name: ap.addLine }).click();
  const line1 = form.getByTestId("line-1");
  await line1.getByLabel(ap.fields.item, { exact: true }).fill("拖把");
  await line1.getByLabel(ap.fields.quantity, { exact: true }).fill("2");
  await line1.getByLabel(ap.fields.unitPrice, { exact: true }).fill("40");
  await expect(form.getByTestId("live-total")).toHaveText(/156\.50/);
  await form.getByRole("button", { name: ap.actions.saveDraft }).click();
  await expect(page).toHaveURL(/\/staff\/approvals\/\d+$/);
  await expect(page.getByTestId("request-total")).toHaveText(/156\.50/);
  await expect(page.getByText(ap.status.draft).first()).toBeVisible();
});

test("finance reports in English; the budget CSV with an unknown category is refused row by row", async ({
  browser,
}) => {
  const page = await as(browser, "finance", "en");
  await page.goto("/staff/finance");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(finEn.title);
  await page.goto("/staff/finance/budget");
  const csv =
    "community,category,m01,m02,m03,m04,m05,m06,m07,m08,m09,m10,m11,m12\n翠湖花园,no_such_category,1,1,1,1,1,1,1,1,1,1,1,1\n";
  await page
    .getByLabel(finEn.budget.file)
    .setInputFiles({ name: "budget.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: finEn.budget.importButton }).click();
  const alert = page.getByTestId("budget-import").getByRole("alert");
  await expect(alert).toContainText(finEn.budget.errorsTitle);
  await expect(alert).toContainText("Line 2: unknown category “no_such_category”");
  const pm = await as(browser, "project_manager");
  expect((await pm.goto("/staff/finance/budget"))?.status()).toBe(403);
  expect((await pm.goto("/staff/finance"))?.status()).toBe(200);
});
