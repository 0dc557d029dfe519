import { expect, test } from "../support/test";
import zhBilling from "../../../messages/billing/zh-CN.json" with { type: "json" };
import { authFile } from "../support/demo";

const b = zhBilling;

test.describe("resident", () => {
  test.use({ storageState: authFile("resident"), viewport: { width: 375, height: 812 } });

  test("pays a bill through the sandbox checkout and sees the receipt (375 px)", async ({ page }) => {
    await page.goto("/bills");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(b.resident.title);
    const unpaid = page.getByTestId("unpaid-bill");
    const before = await unpaid.count();
    expect(before).toBeGreaterThan(0);
    const first = unpaid.first();
    const owed = (await first.locator(".font-semibold").last().textContent())?.trim();
    await first.getByRole("button", { name: b.resident.payThis }).click();
    await expect(page).toHaveURL(/\/pay\/sandbox\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("checkout-amount")).toHaveText(owed ?? "");
    await page.getByRole("button", { name: b.checkout.pay }).click();
    await expect(page).toHaveURL(/\/bills\/receipts\/\d+$/);
    await expect(page.getByRole("heading", { name: b.receipt.title })).toBeVisible();
    await expect(page.getByTestId("receipt-no")).toContainText(/\d{4}-\d{6}/);
    await expect(page.getByTestId("receipt-total")).toHaveText(owed ?? "");
    // no horizontal scrolling at 375 px
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.goto("/bills");
    await expect(page.getByTestId("unpaid-bill")).toHaveCount(before - 1);
  });

  test("staff billing pages are refused", async ({ page }) => {
    const res = await page.goto("/staff/billing/cashier");
    expect(res?.status()).toBe(403);
  });
});

test.describe("cashier", () => {
  test.use({ storageState: authFile("finance") });

  test("finds a household by unit address, takes a cash payment and prints the receipt", async ({ page }) => {
    await page.goto("/staff/billing/cashier");
    await page.getByLabel(b.cashier.search, { exact: true }).fill("3-1-101");
    await page.getByRole("button", { name: b.cashier.searchButton }).click();
    await page.locator("tbody tr").first().getByRole("link", { name: b.cashier.select }).click();
    await expect(page).toHaveURL(/\/staff\/billing\/cashier\?q=.*&household=\d+$/);
    // bad amounts are refused at the field
    const amount = page.getByLabel(b.cashier.amount, { exact: true });
    for (const bad of ["0", "-5", "12.345"]) {
      await amount.fill(bad);
      await page.getByRole("button", { name: b.cashier.submit }).click();
      await expect(page.getByText(b.errors.amount)).toBeVisible();
    }
    await amount.fill("100.50");
    await page.getByLabel(b.common.method, { exact: true }).selectOption("cash");
    await page.getByRole("button", { name: b.cashier.submit }).click();
    await expect(page).toHaveURL(/\/staff\/billing\/receipts\/\d+$/);
    await expect(page.getByTestId("receipt-total")).toHaveText("¥100.50");
    await expect(page.getByText(b.method.cash)).toBeVisible();
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed++;
      };
    });
    await page.getByRole("button", { name: b.common.print }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    // the print stylesheet hides the app's navigation
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("button", { name: b.common.print })).toBeHidden();
  });

  test("finance refunds with a reason", async ({ page }) => {
    const month = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Shanghai",
      year: "numeric",
      month: "2-digit",
    }).format(new Date());
    await page.goto(`/staff/billing/bills?month=${month}&status=paid`);
    await page.locator("tbody tr").nth(5).getByRole("link").click();
    await expect(page).toHaveURL(/\/staff\/billing\/households\/\d+$/);
    const row = page.getByTestId("payment-row").first();
    await row.locator("summary", { hasText: b.account.refund }).click();
    const form = row.locator("form");
    await form.getByLabel(b.account.refundAmount, { exact: true }).fill("1.00");
    await form.getByLabel(b.common.reason, { exact: true }).fill("");
    await form.getByRole("button", { name: b.account.refund }).click();
    await expect(form.getByText(b.errors.reason)).toBeVisible();
    await form.getByLabel(b.common.reason, { exact: true }).fill("多收退还 E2E");
    await form.getByRole("button", { name: b.account.refund }).click();
    const correction = page.getByTestId("correction-row").filter({ hasText: "多收退还 E2E" });
    await expect(correction).toBeVisible();
    await expect(correction).toContainText(b.correction.refund);
    await expect(correction).toContainText("¥1.00");
  });
});

test.describe("charges", () => {
  test.use({ storageState: authFile("finance") });

  test("finance charges a one-off service to a household", async ({ page }) => {
    await page.goto("/staff/billing/cashier?q=4-1-101");
    await page.locator("tbody tr").first().getByRole("link", { name: b.cashier.select }).click();
    await page.getByRole("link", { name: `${b.cashier.account} →` }).click();
    await expect(page).toHaveURL(/\/staff\/billing\/households\/\d+$/);
    const before = await page.getByText(b.billKind.one_off).count();
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: b.charge.submit }) });
    await form.getByLabel(b.charge.amount, { exact: true }).fill("65.00");
    await form.getByRole("button", { name: b.charge.submit }).click();
    await expect(page.getByText(b.billKind.one_off)).toHaveCount(before + 1);
    await expect(page.getByRole("cell", { name: /上门保洁（增值服务） ¥65\.00/ }).first()).toBeVisible();
  });
});

test("a butler cannot open the cashier desk; the webhook refuses a bad signature", async ({ browser, request }) => {
  const context = await browser.newContext({ storageState: authFile("butler") });
  const page = await context.newPage();
  expect((await page.goto("/staff/billing/cashier"))?.status()).toBe(403);
  expect((await page.goto("/staff/billing/reports/csv/aging"))?.status()).toBe(403);
  await context.close();
  const res = await request.post("/api/payments/sandbox/webhook", {
    data: JSON.stringify({ sessionId: "00000000-0000-4000-8000-000000000000", status: "paid", eventId: "x" }),
    headers: { "content-type": "application/json", "x-sandbox-signature": "0".repeat(64) },
  });
  expect(res.status()).toBe(401);
});

test("finance downloads the aging report as CSV", async ({ browser }) => {
  const context = await browser.newContext({ storageState: authFile("finance") });
  const res = await context.request.get("/staff/billing/reports/csv/aging?group=building");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  const text = await res.text();
  expect(text.split("\r\n").length).toBeGreaterThan(3);
  await context.close();
});
