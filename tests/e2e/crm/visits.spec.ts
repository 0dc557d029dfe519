import { expect, test, type Browser, type Page } from "../support/test";
import tk from "../../../messages/tickets/zh-CN.json" with { type: "json" };
import vm from "../../../messages/visits/zh-CN.json" with { type: "json" };
import { authFile, type DemoLogin } from "../support/demo";
import { uniqueTag } from "../support/factories";
import { messages } from "../support/messages";
import { dispatchDemoVisit, sendDemoSurvey } from "./support";

const t = messages();
const MOBILE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

async function as(browser: Browser, role: DemoLogin["role"], mobile = false): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(role), ...(mobile ? MOBILE : {}) });
  return context.newPage();
}

test("the butler finds the visit order in the queue, accepts it and records the visit", async ({ browser }) => {
  test.slow(); // seven pages and a form round-trip: over 60 s with both cores busy
  const { visitId, orderId } = await dispatchDemoVisit();
  const butler = await as(browser, "butler");
  await butler.goto("/staff/orders?type=visit&since=today");
  await butler
    .getByTestId(`order-row-${orderId}`)
    .getByRole("link", { name: String(orderId), exact: true })
    .click();
  await expect(butler).toHaveURL(new RegExp(`/staff/orders/${orderId}$`));
  await butler.getByRole("button", { name: tk.staff.accept, exact: true }).click();
  await expect(butler.getByTestId("order-status").first()).toHaveText(tk.status.accepted);
  await butler.getByTestId("visit-record-link").click();
  await expect(butler).toHaveURL(new RegExp(`/staff/crm/visits/${visitId}$`));

  // Bad input: translated errors next to the fields, nothing written.
  await butler.getByRole("button", { name: vm.visit.save }).click();
  await expect(butler.getByText(t.validation.required).first()).toBeVisible();
  await expect(butler.getByText(vm.errors.rating)).toBeVisible();

  const notes = `住户家中一切正常 ${uniqueTag()}`;
  await butler.getByLabel(vm.visit.notes, { exact: true }).fill(notes);
  await butler.getByRole("radio", { name: `${vm.visit.satisfaction} 4` }).click();
  await butler.getByRole("button", { name: vm.visit.save }).click();
  await expect(butler.getByText(vm.visit.recorded)).toBeVisible();
  await expect(butler.getByText(notes)).toBeVisible();
  await expect(butler.getByText("4 / 5")).toBeVisible();

  // the order is resolved, and the coverage page lists the visit as done
  await butler.goto(`/staff/orders/${orderId}`);
  await expect(butler.getByTestId("order-status").first()).toHaveText(tk.status.resolved);
  await butler.goto("/staff/crm/visits");
  await expect(butler.getByRole("heading", { level: 1 })).toHaveText(vm.coverage.title);
  await expect(butler.getByTestId("my-visit").filter({ hasText: vm.coverage.done }).first()).toBeVisible();
  const csv = await butler.request.get("/staff/crm/visits/csv");
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(vm.coverage.coverage);
});

test("a resident answers the quarterly survey on a phone, once", async ({ browser }) => {
  const { surveyId } = await sendDemoSurvey();
  const resident = await as(browser, "resident", true);
  await resident.goto("/me");
  await resident.getByTestId("surveys-entry").click();
  await expect(resident).toHaveURL(/\/surveys$/);
  await resident.goto(`/surveys/${surveyId}`);
  await resident.getByRole("button", { name: vm.resident.submit }).click();
  await expect(resident.getByText(vm.errors.rating).first()).toBeVisible();
  for (const [q, n] of [
    ["overall", 4],
    ["butler", 5],
    ["cleaning", 2],
    ["security", 4],
    ["maintenance", 3],
  ] as const) {
    const target = resident.getByRole("radio", { name: `${vm.resident[q]} ${n}`, exact: true });
    const box = await target.boundingBox();
    expect(box!.height, "tap targets at least 44 px").toBeGreaterThanOrEqual(44);
    await target.click();
  }
  await resident.getByLabel(vm.resident.comment).fill(`楼道保洁可以再勤一点 ${uniqueTag()}`);
  const overflow = await resident.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, "no horizontal scrolling at 375 px").toBeLessThanOrEqual(0);
  await resident.getByRole("button", { name: vm.resident.submit }).click();
  await expect(resident.getByTestId("survey-answered")).toHaveText(vm.resident.alreadyAnswered);
  await resident.reload();
  await expect(resident.getByTestId("survey-answered")).toBeVisible();
  await expect(resident.getByRole("button", { name: vm.resident.submit })).toHaveCount(0);

  // the admin sees it in the results; a survey id the resident did not receive is a 404
  const admin = await as(browser, "admin");
  await admin.goto(`/staff/crm/surveys?survey=${surveyId}&group=butler`);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(vm.surveys.title);
  await expect(admin.locator("table")).toBeVisible();
  await resident.goto(`/surveys/${surveyId + 100000}`);
  await expect(resident.getByRole("heading", { name: t.notFound.title })).toBeVisible();
});

test("staff without a visit role get 403; the butler opens their survey digest", async ({ browser }) => {
  const tech = await as(browser, "technician");
  expect((await tech.goto("/staff/crm/visits"))?.status()).toBe(403);
  expect((await tech.goto("/staff/crm/surveys"))?.status()).toBe(403);
  expect((await tech.request.get("/staff/crm/visits/csv")).status()).toBe(403);
  const { surveyId } = await sendDemoSurvey();
  const butler = await as(browser, "butler");
  await butler.goto(`/staff/crm/surveys/digest?survey=${surveyId}`);
  await expect(butler.getByRole("heading", { level: 1 })).toContainText(vm.surveys.digestTitle.split(" ·")[0]);
  await expect(butler.getByText(vm.surveys.digestSubtitle)).toBeVisible();
});
