import { expect, test, type Browser } from "../support/test";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ar from "../../../messages/arrears/zh-CN.json" with { type: "json" };
import { authFile } from "../support/demo";
import { signInThroughForm } from "../support/factories";
import { messages } from "../support/messages";

/** The e2e server's database (scripts/e2e-server.sh), as tests/e2e/residents/support.ts finds it. */
function e2eDatabaseUrl(): string {
  if (process.env.E2E_DATABASE_URL) return process.env.E2E_DATABASE_URL;
  const tmp = fs.realpathSync(process.env.TMPDIR || os.tmpdir());
  return `file:${path.join(tmp, `guanjia-e2e-${process.env.E2E_PORT || "3211"}`, "e2e.db")}`;
}

interface Seeded {
  phone: string;
  password: string;
  householdName: string;
  orderId: number;
  noticeId: number;
  number: string;
  kind: keyof typeof ar.kind;
  months: number;
}

/** A new household of the demo butler, 4 months behind, with a resident of its own; the ladder run for it today. */
function seedArrears(): Seeded {
  const out = execFileSync("npx", ["tsx", "tests/e2e/crm/seed-arrears.ts"], {
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl() },
    encoding: "utf8",
  });
  return JSON.parse(out.trim().split("\n").pop()!) as Seeded;
}

const MOBILE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
const pageAs = async (browser: Browser, role: Parameters<typeof authFile>[0]) =>
  (await browser.newContext({ storageState: authFile(role) })).newPage();

test("the ladder's collection order reaches the butler; the household's resident opens the notice from the inbox; others are refused", async ({
  browser,
}) => {
  test.slow();
  const s = seedArrears();
  expect(["reminder", "payment_notice"]).toContain(s.kind);

  // The butler sees the collection order in their own queue, and the notice.
  const butler = await pageAs(browser, "butler");
  await butler.goto("/staff/orders?tab=mine&since=today");
  await expect(butler.getByTestId(`order-row-${s.orderId}`)).toBeVisible();
  await butler.goto(`/staff/crm/notices/${s.noticeId}`);
  await expect(butler.getByTestId("notice-number")).toContainText(s.number);

  // The household's resident (375 px): inbox → notice, printable, with the months owed.
  const ctx = await browser.newContext(MOBILE);
  const resident = await ctx.newPage();
  await signInThroughForm(resident, s.phone, s.password);
  await expect(resident).toHaveURL(/\/home$/, { timeout: 20_000 });
  await resident.goto("/notifications");
  await resident.getByRole("link", { name: new RegExp(s.number) }).click();
  await expect(resident).toHaveURL(new RegExp(`/notices/${s.noticeId}$`));
  await expect(resident.getByRole("heading", { level: 1 })).toHaveText(ar.kind[s.kind]);
  await expect(resident.getByTestId("notice-number")).toContainText(s.number);
  await expect(resident.locator("tbody tr")).toHaveCount(s.months);
  expect(await resident.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await resident.emulateMedia({ media: "print" });
  await expect(resident.getByRole("button", { name: ar.notice.print })).toBeHidden();

  // Another household's resident (the demo resident, reading only) gets "not found" (the resident
  // frame streams, so the page answers with the not-found screen rather than a 404 status).
  const other = await pageAs(browser, "resident");
  await other.goto(`/notices/${s.noticeId}`);
  await expect(other.getByRole("heading", { name: messages().notFound.title })).toBeVisible();
  await expect(other.getByTestId("notice-sheet")).toHaveCount(0);
  // The legal dashboard is refused to residents and technicians, open to legal.
  expect((await other.goto("/staff/legal"))?.status()).toBe(403);
  const tech = await pageAs(browser, "technician");
  expect((await tech.goto("/staff/legal"))?.status()).toBe(403);
  const legal = await pageAs(browser, "legal");
  await legal.goto("/staff/legal");
  await expect(legal.getByRole("heading", { level: 1 })).toHaveText(ar.legal.title);
});
