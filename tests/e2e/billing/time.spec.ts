import { expect, test } from "../support/test";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import enBilling from "../../../messages/billing/en.json" with { type: "json" };
import zhBilling from "../../../messages/billing/zh-CN.json" with { type: "json" };
import { authFile } from "../support/demo";
import { signInThroughForm } from "../support/factories";

function e2eDatabaseUrl(): string {
  if (process.env.E2E_DATABASE_URL) return process.env.E2E_DATABASE_URL;
  const tmp = fs.realpathSync(process.env.TMPDIR || os.tmpdir());
  return `file:${path.join(tmp, `guanjia-e2e-${process.env.E2E_PORT || "3211"}`, "e2e.db")}`;
}

interface Seeded {
  seller: { id: number; name: string; code: string; unit: string };
  buyer: { id: number; name: string; code: string; unit: string };
  resident: { phone: string; password: string };
  lastMonth: string;
}

function seed(): Seeded {
  const out = execFileSync("npx", ["tsx", "tests/e2e/billing/seed-time.ts"], {
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl() },
    encoding: "utf8",
  });
  return JSON.parse(out.trim().split("\n").pop()!) as Seeded;
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k]));

test.describe("finance", () => {
  test.use({ storageState: authFile("finance") });

  test("records a transfer (过户) and prints the statement for both parties", async ({ page }) => {
    test.slow();
    const s = seed();
    await page.goto(`/staff/billing/households/${s.seller.id}`);
    await page.getByLabel(zhBilling.transfer.buyerCode, { exact: true }).fill(s.seller.code);
    await page.getByRole("button", { name: zhBilling.transfer.submit }).click();
    await expect(page.getByText("请选择与当前业主不同的客户")).toBeVisible(); // the seller itself is refused at the field
    await page.getByLabel(zhBilling.transfer.buyerCode, { exact: true }).fill(s.buyer.code.toLowerCase());
    await page.getByRole("button", { name: zhBilling.transfer.submit }).click();
    await expect(page).toHaveURL(/\/staff\/billing\/print\/transfer\/\d+\/\d{4}-\d{2}-\d{2}$/);
    const statements = page.getByTestId("statement");
    await expect(statements).toHaveCount(2);
    await expect(statements.nth(0).getByRole("heading", { name: zhBilling.transfer.statement })).toBeVisible();
    await expect(statements.nth(0)).toContainText(s.seller.name);
    await expect(statements.nth(0)).toContainText(`${s.buyer.name}`);
    await expect(statements.nth(1)).toContainText(s.buyer.name);
    await page.screenshot({ path: test.info().outputPath("transfer-statement.png"), fullPage: true });
    // the print stylesheet hides the print button and the app's navigation
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("button", { name: zhBilling.common.print })).toBeHidden();
    // the seller no longer holds the unit: no transfer form on its account
    await page.emulateMedia({ media: "screen" });
    await page.goto(`/staff/billing/households/${s.seller.id}`);
    await expect(page.getByRole("button", { name: zhBilling.transfer.submit })).toHaveCount(0);
  });

  test("marks a unit developer-paid (开发商承担), naming the developer among the contract customers", async ({
    page,
  }) => {
    test.slow();
    const s = seed();
    await page.goto(`/staff/billing/households/${s.buyer.id}`);
    await page.getByLabel(zhBilling.unitPeriod.kind, { exact: true }).selectOption("developer");
    const customer = page.getByLabel(zhBilling.unitPeriod.customer, { exact: true });
    await expect(customer).toBeVisible();
    await page.getByLabel(zhBilling.unitPeriod.from, { exact: true }).fill("2020-01-01");
    await page.getByLabel(zhBilling.unitPeriod.to, { exact: true }).fill("2020-07-01");
    await page.getByRole("button", { name: zhBilling.unitPeriod.submit }).click();
    await expect(page.getByText("此项为必填项")).toBeVisible(); // no developer chosen: refused at the field
    await customer.selectOption({ index: 1 });
    const name = (await customer.locator("option:checked").textContent())!;
    await page.getByRole("button", { name: zhBilling.unitPeriod.submit }).click();
    await expect(page.getByTestId("unit-periods")).toContainText(`${zhBilling.unitPeriodKind.developer} · ${name}`);
    await page.screenshot({ path: test.info().outputPath("developer-period.png"), fullPage: true });
  });
});

test("a resident sees the prorated first bill with its reason, in both languages (375 px)", async ({ browser }) => {
  test.slow();
  const s = seed();
  const [y, m] = s.lastMonth.split("-").map(Number);
  const monthDays = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const params = { days: monthDays - 16, monthDays };
  const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  await signInThroughForm(page, s.resident.phone, s.resident.password);
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 });
  await page.goto("/bills");
  const bill = page.getByTestId("unpaid-bill").filter({ hasText: s.lastMonth });
  await expect(bill.getByTestId("line-reason")).toHaveText(fill(zhBilling.reason.prorated, params));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await ctx.addCookies([{ name: "NEXT_LOCALE", value: "en", url: test.info().project.use.baseURL! }]);
  await page.goto("/bills");
  await expect(page.getByTestId("unpaid-bill").filter({ hasText: s.lastMonth }).getByTestId("line-reason")).toHaveText(
    fill(enBilling.reason.prorated, params),
  );
  await page.screenshot({ path: test.info().outputPath("resident-bill-en.png"), fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await ctx.close();
});
