import { expect, test, type Browser } from "../support/test";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import arEn from "../../../messages/arrears/en.json" with { type: "json" };
import arZh from "../../../messages/arrears/zh-CN.json" with { type: "json" };
import { authFile } from "../support/demo";
import { signInThroughForm } from "../support/factories";
import { LOCALES, messages, type Locale } from "../support/messages";

/** Due process (SPEC §12): a resident disputes a notice, staff resolve it, legal confirms a lawyer's letter — in both languages. */

const AR: Record<Locale, typeof arZh> = { "zh-CN": arZh, en: arEn };
const MOBILE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

function e2eDatabaseUrl(): string {
  if (process.env.E2E_DATABASE_URL) return process.env.E2E_DATABASE_URL;
  const tmp = fs.realpathSync(process.env.TMPDIR || os.tmpdir());
  return `file:${path.join(tmp, `guanjia-e2e-${process.env.E2E_PORT || "3211"}`, "e2e.db")}`;
}

interface Seeded {
  phone: string;
  password: string;
  householdName: string;
  noticeId: number;
  number: string;
  kind: string;
  awaitingConfirmation: boolean;
}

/** A new household of the demo butler `months` behind with its own resident; the ladder run for it today. */
function seedArrears(months: number): Seeded {
  const out = execFileSync("npx", ["tsx", "tests/e2e/crm/seed-arrears.ts", String(months)], {
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl() },
    encoding: "utf8",
  });
  return JSON.parse(out.trim().split("\n").pop()!) as Seeded;
}

async function contextIn(browser: Browser, locale: Locale, options: Parameters<Browser["newContext"]>[0]) {
  const ctx = await browser.newContext(options);
  await ctx.addCookies([{ name: "NEXT_LOCALE", value: locale, url: test.info().project.use.baseURL as string }]);
  return ctx;
}

async function residentPage(browser: Browser, locale: Locale, s: Seeded) {
  const page = await (await contextIn(browser, locale, MOBILE)).newPage();
  await signInThroughForm(page, s.phone, s.password, locale);
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 });
  return page;
}

/** Forms post through React once the page is hydrated; a click before that would submit natively. */
const hydrated = (page: import("@playwright/test").Page) => page.waitForLoadState("networkidle");

const noHorizontalScroll = async (page: import("@playwright/test").Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

for (const locale of LOCALES) {
  test(`a resident disputes a notice at 375 px, the butler rejects it, the resident reads why (${locale})`, async ({
    browser,
  }) => {
    test.slow();
    const a = AR[locale];
    const s = seedArrears(4);
    const resident = await residentPage(browser, locale, s);

    // The notice says why it was sent and how to dispute it.
    await resident.goto(`/notices/${s.noticeId}`);
    const why = resident.getByTestId("notice-why");
    await expect(why.getByRole("heading", { name: a.why.title })).toBeVisible();
    await expect(why).toContainText(a.kind[s.kind as keyof typeof a.kind]);
    await noHorizontalScroll(resident);
    await why.getByRole("link", { name: a.why.disputeLink }).click();
    await expect(resident).toHaveURL(new RegExp(`/disputes/new\\?notice=${s.noticeId}$`));
    await expect(resident.getByText(a.disputes.pauseHint)).toBeVisible();
    await noHorizontalScroll(resident);
    await hydrated(resident);

    // An empty reason is refused at the field; then the dispute goes in.
    await resident.getByRole("button", { name: a.disputes.submit }).click();
    await expect(resident.getByText(messages(locale).validation.required)).toBeVisible();
    const reason = `E2E ${locale}: 我已于上月在前台交过现金`;
    await resident.getByLabel(a.disputes.reason).fill(reason);
    await resident.getByRole("button", { name: a.disputes.submit }).click();
    await expect(resident).toHaveURL(/\/disputes$/);
    const mine = resident.getByTestId("dispute-list").locator("li").first();
    await expect(mine.getByTestId("dispute-status")).toHaveText(a.disputes.status.open);
    await expect(mine).toContainText(reason);
    await noHorizontalScroll(resident);

    // The household's butler finds it among open disputes and rejects it with a reason.
    const butler = await (await contextIn(browser, locale, { storageState: authFile("butler") })).newPage();
    await butler.goto("/staff/crm/disputes");
    const row = butler.locator('[data-testid^="dispute-row-"]', { hasText: s.householdName });
    await expect(row).toHaveCount(1);
    await row.getByRole("link").first().click();
    await expect(butler.getByText(a.disputes.paused)).toBeVisible();
    await hydrated(butler);
    const answer = `E2E ${locale}: 前台没有这笔收款记录，请核对收据`;
    await butler.getByLabel(a.disputes.outcome).selectOption("rejected");
    await butler.getByLabel(a.disputes.resolveReason).fill(answer);
    await butler.getByRole("button", { name: a.disputes.resolve }).click();
    await expect(butler.getByTestId("resolve-dispute")).toHaveCount(0);
    await expect(butler.getByTestId("dispute-status")).toHaveText(a.disputes.status.rejected);

    // The resident sees the outcome and the reason, on their disputes and on the notice.
    await resident.goto("/disputes");
    await expect(mine.getByTestId("dispute-status")).toHaveText(a.disputes.status.rejected);
    await expect(mine.getByTestId("dispute-answer")).toHaveText(answer);
    await resident.goto(`/notices/${s.noticeId}`);
    await expect(resident.getByTestId("notice-dispute")).toContainText(answer);
  });

  test(`legal confirms a withheld lawyer's letter; only then does the resident get it (${locale})`, async ({
    browser,
  }) => {
    test.slow();
    const a = AR[locale];
    const s = seedArrears(14);
    expect(s).toMatchObject({ kind: "lawyer_letter", awaitingConfirmation: true });
    // Stored 催-YYYY-NNNNNN; shown with the reader's prefix (AN- in English).
    const shown = s.number.replace(/^催/, a.numberPrefix);

    // Not visible to the resident yet.
    const resident = await residentPage(browser, locale, s);
    await resident.goto(`/notices/${s.noticeId}`);
    await expect(resident.getByRole("heading", { name: messages(locale).notFound.title })).toBeVisible();
    await expect(resident.getByTestId("notice-sheet")).toHaveCount(0);

    // Legal confirms it from the legal dashboard.
    const legal = await (await contextIn(browser, locale, { storageState: authFile("legal") })).newPage();
    await legal.goto("/staff/legal");
    await expect(legal.getByRole("heading", { name: a.letters.title })).toBeVisible();
    const row = legal.getByTestId(`letter-${s.noticeId}`);
    await expect(row).toContainText(shown);
    await hydrated(legal);
    await row.getByRole("button", { name: a.letters.confirm }).click();
    await expect(row).toHaveCount(0);

    // Now the resident has it in the inbox and can open it.
    await resident.goto("/notifications");
    await resident.getByRole("link", { name: new RegExp(shown) }).click();
    await expect(resident).toHaveURL(new RegExp(`/notices/${s.noticeId}$`));
    await expect(resident.getByTestId("notice-number")).toContainText(shown);
    await expect(resident.getByTestId("notice-why")).toContainText(a.kind.lawyer_letter);
  });
}
