import { expect, test, type Browser, type Page } from "../support/test";
import tk from "../../../messages/tickets/zh-CN.json" with { type: "json" };
import { authFile, type DemoLogin } from "../support/demo";
import { uniqueTag } from "../support/factories";
import { messages } from "../support/messages";

const t = messages();
/** A real 1×1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const photo = (name = "photo.png") => ({ name, mimeType: "image/png", buffer: PNG });
/** A file that is a PNG by its magic bytes, padded to `size`. */
const bigPng = (name: string, size: number) => ({
  name,
  mimeType: "image/png",
  buffer: Buffer.concat([PNG, Buffer.alloc(size - PNG.length)]),
});
const MOBILE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

type Role = DemoLogin["role"];
async function as(browser: Browser, role: Role, mobile = false): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(role), ...(mobile ? MOBILE : {}) });
  return context.newPage();
}

/** The resident files a request through the mobile form; returns the new order's id. */
async function fileRequest(
  page: Page,
  type: keyof typeof tk.type,
  description: string,
  opts: { category?: keyof typeof tk.category; photos?: number } = {},
) {
  await page.goto("/requests/new");
  const form = page.getByTestId("request-form");
  await form.getByLabel(tk.common.type, { exact: true }).selectOption(type);
  if (opts.category) await form.getByLabel(tk.common.category, { exact: true }).selectOption(opts.category);
  await form.getByLabel(tk.common.description, { exact: true }).fill(description);
  if (opts.photos)
    await form
      .getByLabel(tk.common.photos, { exact: true })
      .setInputFiles(Array.from({ length: opts.photos }, (_, i) => photo(`p${i}.png`)));
  await form.getByRole("button", { name: tk.common.submit }).click();
  await expect(page).toHaveURL(/\/requests\/\d+$/, { timeout: 20_000 });
  return Number(page.url().split("/").pop());
}

async function status(page: Page) {
  return page.getByTestId("order-status").first();
}

test("a resident files a repair with a photo; the technician accepts and resolves it with an after-photo; the resident rates it", async ({
  browser,
}) => {
  test.slow(); // three users, a dozen steps and 12 MB of uploads
  const resident = await as(browser, "resident", true);
  // Bad input first: empty description, a renamed non-image — clear errors, nothing filed.
  await resident.goto("/requests/new");
  const form = resident.getByTestId("request-form");
  await form.getByRole("button", { name: tk.common.submit }).click();
  await expect(form.getByText(t.validation.required)).toBeVisible();
  await form.getByLabel(tk.common.description, { exact: true }).fill("插座冒火花");
  await form
    .getByLabel(tk.common.photos, { exact: true })
    .setInputFiles({ name: "fake.jpg", mimeType: "image/jpeg", buffer: Buffer.from("%PDF-1.7 this is not an image") });
  await form.getByRole("button", { name: tk.common.submit }).click();
  await expect(form.getByText(tk.errors.notAnImage)).toBeVisible();
  await form.getByLabel(tk.common.photos, { exact: true }).setInputFiles(bigPng("huge.png", 11 * 1024 * 1024));
  await form.getByRole("button", { name: tk.common.submit }).click();
  await expect(form.getByText(tk.errors.fileTooLarge)).toBeVisible();
  await expect(resident).toHaveURL(/\/requests\/new$/);

  const description = `客厅插座没电 ${uniqueTag()}`;
  const id = await fileRequest(resident, "repair", description, { category: "electrical", photos: 1 });
  await expect(await status(resident)).toHaveText(tk.status.assigned);
  await expect(resident.getByTestId("photos-before").locator("img")).toHaveCount(1);
  const overflow = await resident.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, "no horizontal scrolling at 375 px").toBeLessThanOrEqual(0);

  const tech = await as(browser, "technician");
  await tech.goto(`/staff/orders/${id}`);
  await expect(tech.getByText(description)).toBeVisible();
  await tech.getByRole("button", { name: tk.staff.accept, exact: true }).click();
  await expect(await status(tech)).toHaveText(tk.status.accepted);
  await tech.getByRole("button", { name: tk.staff.start, exact: true }).click();
  await expect(await status(tech)).toHaveText(tk.status.in_progress);
  const resolve = tech.getByTestId("resolve-form");
  await resolve.getByLabel(tk.staff.resolveNote, { exact: true }).fill("更换了插座");
  // Two large photos (12 MB together: more than the proxy's default body buffer) and a small one.
  await resolve
    .getByLabel(tk.staff.afterPhotos, { exact: true })
    .setInputFiles([bigPng("a.png", 6 * 1024 * 1024), bigPng("b.png", 6 * 1024 * 1024), photo("after.png")]);
  await resolve.getByRole("button", { name: tk.staff.resolve, exact: true }).click();
  // 12 MB of photos go up with this click: allow for a slow, busy machine.
  await expect(await status(tech)).toHaveText(tk.status.resolved, { timeout: 45_000 });
  await expect(tech.getByTestId("photos-after").locator("img")).toHaveCount(3);

  await resident.goto(`/requests/${id}`);
  await expect(await status(resident)).toHaveText(tk.status.resolved);
  await expect(resident.getByTestId("photos-after").locator("img")).toHaveCount(3);
  const confirm = resident.getByTestId("confirm-form");
  await confirm.getByLabel("4★").check();
  await confirm.getByLabel(tk.resident.comment).fill("很及时");
  await confirm.getByRole("button", { name: tk.resident.confirm }).click();
  await expect(await status(resident)).toHaveText(tk.status.closed);
  await expect(resident.getByTestId("rating")).toContainText("★★★★");
  await expect(resident.getByTestId("timeline")).toContainText(tk.action.confirm);

  // The resident's own photo is served to it.
  const src = await resident.getByTestId("photos-before").locator("img").first().getAttribute("src");
  const own = await resident.request.get(src!);
  expect(own.status()).toBe(200);
  expect(own.headers()["content-type"]).toBe("image/png");
});

test("a major complaint is triaged by the front desk and accepted by butler, supervisor and project manager", async ({
  browser,
}) => {
  test.slow(); // five users in turn, each opening the order: over a minute on a busy machine
  const resident = await as(browser, "resident", true);
  const description = `保安态度恶劣 ${uniqueTag()}`;
  const id = await fileRequest(resident, "complaint", description);
  await expect(await status(resident)).toHaveText(tk.status.submitted);

  const desk = await as(browser, "front_desk");
  await desk.goto(`/staff/orders/${id}`);
  const triage = desk.getByTestId("triage-form");
  await triage.getByLabel(tk.common.classification).selectOption("major");
  await expect(triage.getByLabel(tk.common.points)).toHaveValue("-11");
  await triage.getByLabel(tk.common.points).fill("-5");
  await triage.getByRole("button", { name: tk.staff.triageSubmit }).click();
  await expect(triage.getByText(tk.errors.pointsOutOfRange)).toBeVisible();
  await triage.getByLabel(tk.common.points).fill("-20");
  await triage.getByRole("button", { name: tk.staff.triageSubmit }).click();
  await expect(await status(desk)).toHaveText(tk.status.assigned);
  await expect(desk.getByTestId("classification")).toContainText("-20");
  await expect(desk.getByTestId("assignees").locator("li")).toHaveCount(3);

  for (const [role, last] of [
    ["butler", false],
    ["supervisor", false],
    ["project_manager", true],
  ] as const) {
    const page = await as(browser, role);
    await page.goto(`/staff/orders/${id}`);
    await page.getByRole("button", { name: tk.staff.accept, exact: true }).click();
    await expect(await status(page)).toHaveText(last ? tk.status.accepted : tk.status.assigned);
    await expect(page.getByTestId("assignees")).toContainText(tk.common.accepted);
  }
  await desk.reload();
  await expect(desk.getByTestId("assignees").getByText(tk.common.waiting)).toHaveCount(0);

  // The technician was not dispatched: no accept button, and the server says no.
  const tech = await as(browser, "technician");
  await tech.goto(`/staff/orders/${id}`);
  await expect(tech.getByRole("heading", { name: t.notFound.title })).toBeVisible();
});

test("a resident cannot open another household's order or photo", async ({ browser }) => {
  const desk = await as(browser, "front_desk");
  await desk.goto("/staff/registry/households?page=3");
  const href = await desk.locator('table a[href^="/staff/registry/households/"]').first().getAttribute("href");
  const householdId = href!.split("/").pop();
  await desk.goto(`/staff/orders/new?household=${householdId}`);
  const form = desk.getByTestId("intake-form");
  await form.getByLabel(tk.common.type, { exact: true }).selectOption("inquiry");
  await form.getByLabel(tk.common.description, { exact: true }).fill(`电话咨询 ${uniqueTag()}`);
  await form.getByLabel(tk.common.photos, { exact: true }).setInputFiles(photo());
  await form.getByRole("button", { name: tk.staff.intakeSubmit }).click();
  await expect(desk).toHaveURL(/\/staff\/orders\/\d+$/, { timeout: 20_000 });
  const orderId = desk.url().split("/").pop();
  const src = await desk.getByTestId("photos-before").locator("img").first().getAttribute("src");
  expect((await desk.request.get(src!)).status()).toBe(200);

  const resident = await as(browser, "resident", true);
  await resident.goto(`/requests/${orderId}`);
  await expect(resident.getByRole("heading", { name: t.notFound.title })).toBeVisible();
  const stolen = await resident.request.get(src!);
  expect(stolen.status()).toBe(404);
  expect((await resident.request.get("/api/files/999999999")).status()).toBe(404);
  // Signed out: 404 too.
  const anon = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  expect((await anon.request.get(src!)).status()).toBe(404);
});
