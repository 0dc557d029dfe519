import { expect, test, type Browser } from "../support/test";
import zhBilling from "../../../messages/billing/zh-CN.json" with { type: "json" };
import enCrm from "../../../messages/crm/en.json" with { type: "json" };
import zhCrm from "../../../messages/crm/zh-CN.json" with { type: "json" };
import zhResidents from "../../../messages/residents/zh-CN.json" with { type: "json" };
import { newHouseholdOfDemoButler, sloppy } from "../residents/support";
import { authFile, demo } from "../support/demo";
import { uniquePhone, uniqueTag } from "../support/factories";
import { fill, messages, privacyMessages } from "../support/messages";

const c = zhCrm;
const shots = (name: string) => test.info().outputPath(`${name}.png`);

test.describe("admin", () => {
  test.use({ storageState: authFile("admin") });

  test("edits a rules draft, sees field errors and the what-if counts, then discards it", async ({ page }) => {
    await page.goto("/staff/crm/rules");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(c.rules.title);
    const form = page.getByTestId("rules-form");

    // Bad input: a translated error next to the field, nothing saved.
    await form.getByLabel(`${"🙂"} ${c.band.good}`).fill("99");
    await form.getByRole("button", { name: c.rules.save }).click();
    await expect(page.getByTestId("error-bandFloors.good")).toHaveText(c.rules.errors.floorsDecreasing);
    await expect(page.getByRole("button", { name: c.rules.discard })).toBeDisabled();

    // A valid draft: households replayed from the initial score 90 leave "excellent" — except
    // those whose ledger climbs back (a gold badge's +20), so the draft's excellent count falls.
    await form.getByLabel(`${"🙂"} ${c.band.good}`).fill("80");
    await form.getByLabel(c.rules.initialScore, { exact: true }).fill("90");
    await form.getByRole("button", { name: c.rules.save }).click();
    await expect(page.getByRole("status")).toHaveText(c.rules.saved);
    const whatif = page.getByTestId("whatif");
    await expect(whatif.getByTestId("whatif-total")).toBeVisible();
    const total = Number((await whatif.getByTestId("whatif-total").textContent())?.match(/\d+/)?.[0]);
    expect(total).toBeGreaterThan(0);
    const currentSum = await Promise.all(
      ["excellent", "good", "fair", "poor", "critical"].map(async (b) =>
        Number(await whatif.getByTestId(`whatif-${b}-current`).textContent()),
      ),
    );
    expect(currentSum.reduce((a, b) => a + b, 0)).toBe(total);
    const draftExcellent = Number(await whatif.getByTestId("whatif-excellent-draft").textContent());
    expect(draftExcellent).toBeLessThan(currentSum[0]);
    const draftSum = await Promise.all(
      ["excellent", "good", "fair", "poor", "critical"].map(async (b) =>
        Number(await whatif.getByTestId(`whatif-${b}-draft`).textContent()),
      ),
    );
    expect(draftSum.reduce((a, b) => a + b, 0)).toBe(total);
    await page.screenshot({ path: shots("crm-rules"), fullPage: true });

    await page.getByRole("button", { name: c.rules.discard }).click();
    await expect(page.getByRole("status")).toHaveText(c.rules.discarded);
    await page.reload();
    await expect(page.getByTestId("rules-state")).not.toHaveText(c.rules.state.draft);
    await expect(page.getByTestId("rules-form").getByLabel(c.rules.initialScore, { exact: true })).toHaveValue("100");
  });

  test("opens the dashboard and a household's ledger", async ({ page }) => {
    await page.goto("/staff/crm");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(c.dashboard.title);
    await expect(page.getByTestId("band-distribution")).toBeVisible();
    await expect(page.getByTestId("butler-risk").first()).toBeVisible();
    await page.screenshot({ path: shots("crm-dashboard"), fullPage: true });
    await page.getByTestId("butler-risk").first().getByRole("link", { name: c.dashboard.open }).first().click();
    await expect(page).toHaveURL(/\/staff\/crm\/households\/\d+$/);
    await expect(page.getByTestId("household-score")).toBeVisible();
    const before = await page.getByTestId("ledger-entry").count();

    // A correction needs a reason; without one nothing is written.
    const form = page.getByTestId("correction-form");
    await form.getByLabel(c.household.correction.points).fill("-3");
    await form.getByRole("button", { name: c.household.correction.submit }).click();
    await expect(form.getByText(messages().validation.required)).toBeVisible();
    await expect(page.getByTestId("ledger-entry")).toHaveCount(before);
    await form.getByLabel(c.household.correction.reason).fill("E2E 更正测试");
    await form.getByRole("button", { name: c.household.correction.submit }).click();
    await expect(page.getByTestId("ledger-entry")).toHaveCount(before + 1);
    const entry = page.getByTestId("ledger-entry").first();
    await expect(entry).toContainText(c.rule.correction);
    await expect(entry).toContainText("E2E 更正测试");
    await expect(entry).toContainText("-3");
    await page.screenshot({ path: shots("crm-ledger"), fullPage: true });

    // The registry household page shows the band badge linking to the ledger.
    const id = page.url().match(/(\d+)$/)![1];
    await page.goto(`/staff/registry/households/${id}`);
    await expect(page.getByTestId("household-sentiment")).toBeVisible();
  });
});

test.describe("butler", () => {
  test.use({ storageState: authFile("butler") });
  test("sees the dashboard but not the rules", async ({ page }) => {
    const res = await page.goto("/staff/crm/rules");
    expect(res?.status()).toBe(403);
    await page.goto("/staff/crm");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(c.dashboard.title);
    // Only the butler's own households: one risk list, theirs.
    await expect(page.getByTestId("butler-risk")).toHaveCount(1);
    await expect(page.getByTestId("butler-risk")).toContainText(demo("butler").name);
    // In English.
    await page
      .context()
      .addCookies([{ name: "NEXT_LOCALE", value: "en", url: test.info().project.use.baseURL as string }]);
    await page.goto("/staff/crm");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(enCrm.dashboard.title);
    await page.screenshot({ path: shots("crm-dashboard-butler-en"), fullPage: true });
  });
});

async function newResident(browser: Browser) {
  const household = await newHouseholdOfDemoButler();
  const person = { name: `金章${uniqueTag().slice(0, 4)}`, phone: uniquePhone(), password: `Pw-${uniqueTag()}-2026` };
  const r = zhResidents.register;
  const context = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    viewport: { width: 375, height: 812 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.goto("/register");
  await page.getByLabel(r.code, { exact: true }).fill(sloppy(household.code));
  await page.getByText(zhResidents.relation.owner, { exact: true }).click();
  await page.getByLabel(r.name, { exact: true }).fill(person.name);
  await page.getByLabel(r.phone, { exact: true }).fill(person.phone);
  await page.getByLabel(r.password, { exact: true }).fill(person.password);
  await page.getByLabel(privacyMessages().notice.accept, { exact: true }).check();
  await page.getByRole("button", { name: r.submit, exact: true }).click();
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 });
  const butler = await (await browser.newContext({ storageState: authFile("butler") })).newPage();
  await butler.goto("/staff/registrations");
  const row = butler.getByTestId("registration-row").filter({ hasText: person.phone });
  await row.getByRole("button", { name: `${zhResidents.staff.approve} ${person.name}` }).click();
  await expect(row).toHaveCount(0);
  return { page, household };
}

test("a new resident prepays 12 months through the sandbox checkout and sees the gold service card on /bills", async ({
  browser,
}) => {
  const { page, household } = await newResident(browser);
  await page.goto("/bills");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(zhBilling.resident.title);
  await expect(page.getByTestId("gold-card")).toHaveCount(0);
  await page.getByRole("button", { name: zhBilling.resident.payAheadButton }).click();
  await expect(page).toHaveURL(/\/pay\/sandbox\/[0-9a-f-]{36}$/);
  await page.getByRole("button", { name: zhBilling.checkout.pay }).click();
  await expect(page).toHaveURL(/\/bills\/receipts\/\d+$/, { timeout: 20_000 });
  await page.goto("/bills");
  const card = page.getByTestId("gold-card");
  await expect(card).toBeVisible();
  await expect(card).toContainText(c.gold.card);
  await expect(card).toContainText(household.name);
  await expect(card).toContainText(fill(c.gold.discount, { percent: 10 }));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: shots("crm-gold-bills"), fullPage: false });
  // The resident's inbox says so.
  await page.goto("/notifications");
  await expect(page.getByTestId("inbox")).toContainText("金章客户");
});
