import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { expect, test, type Browser, type Page } from "../support/test";
import {
  buildingButlers,
  buildings,
  communities,
  companies,
  householdUnits,
  households,
  memberships,
  notifications,
  units,
  users,
} from "../../../db/schema";
import billingEn from "../../../messages/billing/en.json" with { type: "json" };
import billingZh from "../../../messages/billing/zh-CN.json" with { type: "json" };
import registryEn from "../../../messages/registry/en.json" with { type: "json" };
import registryZh from "../../../messages/registry/zh-CN.json" with { type: "json" };
import ticketsEn from "../../../messages/tickets/en.json" with { type: "json" };
import ticketsZh from "../../../messages/tickets/zh-CN.json" with { type: "json" };
import { hashPassword } from "../../../lib/auth/password";
import { withE2eDb } from "../support/db";
import { authFile, demo, type DemoLogin } from "../support/demo";
import { signInThroughForm, uniqueTag } from "../support/factories";
import { fill, LOCALES, type Locale } from "../support/messages";
import { expectNoSystemChinese } from "../support/no-cjk";

/** Issue 16 points 5–6: system text in the reader's language, timeline actors, building moves, cashier, inbox. */

const TK = { "zh-CN": ticketsZh, en: ticketsEn };
const RG = { "zh-CN": registryZh, en: registryEn };
const BL = { "zh-CN": billingZh, en: billingEn };

async function as(browser: Browser, role: DemoLogin["role"], locale: Locale): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(role) });
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: test.info().project.use.baseURL as string }]);
  return context.newPage();
}

for (const locale of LOCALES) {
  test(`timeline (${locale}): the resident submits, the system dispatches, no raw codes`, async ({ browser }) => {
    const tk = TK[locale];
    const resident = await as(browser, "resident", locale);
    await resident.goto("/requests/new");
    const form = resident.getByTestId("request-form");
    await form.getByLabel(tk.common.type, { exact: true }).selectOption("repair");
    await form.getByLabel(tk.common.category, { exact: true }).selectOption("electrical");
    await form.getByLabel(tk.common.description, { exact: true }).fill(`灯不亮 ${uniqueTag()}`);
    await form.getByRole("button", { name: tk.common.submit }).click();
    await expect(resident).toHaveURL(/\/requests\/\d+$/, { timeout: 20_000 });
    const id = Number(resident.url().split("/").pop());

    const admin = await as(browser, "admin", locale);
    await admin.goto(`/staff/orders/${id}`);
    const events = admin.getByTestId("timeline-event");
    await expect(events).toHaveCount(2);
    const residentName = demo("resident").name;
    await expect(events.nth(0)).toContainText(tk.action.submit);
    await expect(events.nth(0).getByTestId("timeline-actor")).toHaveText(
      fill(tk.timeline.resident, { name: residentName }),
    );
    await expect(events.nth(0)).toContainText(fill(tk.timeline.via, { source: tk.source.resident }));
    await expect(events.nth(1)).toContainText(tk.action.dispatch);
    await expect(events.nth(1).getByTestId("timeline-actor")).toHaveText(tk.common.system);
    await expect(admin.getByTestId("timeline")).not.toContainText(/(^|\s)resident(\s|$)/);
    if (locale === "en") await expectNoSystemChinese(admin.getByTestId("timeline"), "order timeline");
  });
}

/**
 * A company of its own (made in the database, so no demo count changes): its admin, two butlers
 * and a building of two households following butler A.
 */
async function companyOfOwn() {
  const tag = randomBytes(4).toString("hex");
  const password = `Pw-${tag}-2026`;
  const email = `everyday-${tag}@e2e.guanjia.test`;
  return withE2eDb(async (db) => {
    const [company] = await db
      .insert(companies)
      .values({ name: `日常物业${tag}` })
      .returning();
    const companyId = company.id;
    const person = async (name: string, role: "admin" | "butler", mail?: string) => {
      const [u] = await db
        .insert(users)
        .values({
          name,
          email: mail ?? `${role}-${tag}-${name.length}@e2e.guanjia.test`,
          passwordHash: await hashPassword(password),
        })
        .returning();
      await db.insert(memberships).values({ companyId, userId: u.id, role });
      return u;
    };
    const admin = await person(`管理员${tag.slice(0, 4)}`, "admin", email);
    const from = await person("甲管家", "butler");
    const to = await person("乙管家乙", "butler");
    const [community] = await db
      .insert(communities)
      .values({ companyId, name: `小区${tag}` })
      .returning();
    const [building] = await db
      .insert(buildings)
      .values({ companyId, communityId: community.id, code: "1", name: "1栋" })
      .returning();
    const unitRows = await db
      .insert(units)
      .values(
        [1, 2].map((i) => ({
          companyId,
          buildingId: building.id,
          number: `1-${100 + i}`,
          floor: 1,
          areaCentiM2: 9000,
        })),
      )
      .returning();
    const hh = await db
      .insert(households)
      .values(unitRows.map((u) => ({ companyId, name: `住户${u.number}`, code: `EV${tag}${u.id}`.toUpperCase() })))
      .returning();
    await db
      .insert(householdUnits)
      .values(hh.map((h, i) => ({ companyId, householdId: h.id, unitId: unitRows[i].id })));
    await db.insert(buildingButlers).values({ companyId, buildingId: building.id, butlerUserId: from.id });
    return { companyId, adminId: admin.id, email, password, buildingId: building.id, from, to };
  });
}

/** Signs in as the company's admin in the given language. */
async function signedIn(browser: Browser, who: { email: string; password: string }, locale: Locale) {
  const context = await browser.newContext();
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: test.info().project.use.baseURL as string }]);
  const page = await context.newPage();
  await signInThroughForm(page, who.email, who.password, locale);
  await expect(page).toHaveURL(/\/staff/, { timeout: 20_000 });
  return page;
}

const butlerOf = (buildingId: number) =>
  withE2eDb(async (db) => {
    const [row] = await db.select().from(buildingButlers).where(eq(buildingButlers.buildingId, buildingId));
    return row?.butlerUserId ?? null;
  });

for (const locale of LOCALES) {
  test(`butler assignment page (${locale}): a building move is confirmed with its count and undone`, async ({
    browser,
  }) => {
    const rg = RG[locale];
    const b = await companyOfOwn();
    const admin = await signedIn(browser, b, locale);
    await admin.goto("/staff/registry/butlers");
    const row = admin.getByTestId(`building-row-${b.buildingId}`);
    await expect(row).toContainText("2");
    await row.getByLabel(rg.butler, { exact: true }).selectOption(String(b.to.id));
    const dialog = row.getByRole("alertdialog");
    await expect(dialog).toBeVisible();
    const count = locale === "en" ? "2 households" : "2 户";
    await expect(dialog).toContainText(count);
    expect(await butlerOf(b.buildingId)).toBe(b.from.id); // nothing moves before the confirmation
    await dialog.getByRole("button").first().click();
    const status = row.getByRole("status");
    await expect(status).toContainText(count);
    expect(await butlerOf(b.buildingId)).toBe(b.to.id);
    await status.getByRole("button", { name: rg.move.undo }).click();
    await expect(row.getByRole("status")).toHaveText(rg.move.undone);
    expect(await butlerOf(b.buildingId)).toBe(b.from.id);
  });
}

for (const locale of LOCALES) {
  test(`cashier (${locale}): the receipt leads to the next customer`, async ({ browser }) => {
    const bl = BL[locale];
    const page = await as(browser, "finance", locale);
    await page.goto("/staff/billing/cashier");
    await page.getByLabel(bl.cashier.search, { exact: true }).fill("3-1-101");
    await page.getByRole("button", { name: bl.cashier.searchButton }).click();
    await page.locator("tbody tr").first().getByRole("link", { name: bl.cashier.select }).click();
    await page.getByLabel(bl.cashier.amount, { exact: true }).fill("12.30");
    await page.getByLabel(bl.common.method, { exact: true }).selectOption("cash");
    await page.getByRole("button", { name: bl.cashier.submit }).click();
    await expect(page).toHaveURL(/\/staff\/billing\/receipts\/\d+$/, { timeout: 20_000 });
    await page.getByTestId("next-customer").click();
    await expect(page).toHaveURL(/\/staff\/billing\/cashier$/);
    await expect(page.getByLabel(bl.cashier.search, { exact: true })).toBeFocused();
    await expect(page.getByLabel(bl.cashier.search, { exact: true })).toHaveValue("");
  });
}

for (const locale of LOCALES) {
  test(`inbox (${locale}): grouped by kind, mark all read`, async ({ browser }) => {
    const tk = TK[locale];
    const who = await companyOfOwn();
    await withE2eDb((db) =>
      db.insert(notifications).values([
        ...[1, 2, 3].map((i) => ({
          companyId: who.companyId,
          userId: who.adminId,
          kind: "order.accepted",
          payload: { orderId: 900000 + i },
          href: null,
        })),
        {
          companyId: who.companyId,
          userId: who.adminId,
          kind: "approval.pending",
          payload: { requestId: 900001, title: "Lift" },
          href: null,
        },
      ]),
    );
    const page = await signedIn(browser, who, locale);
    await page.goto("/staff/notifications");
    await expect(page.getByTestId("inbox-unread")).toHaveText(fill(tk.notifications.unread, { count: 4 }));
    await expect(page.getByTestId("inbox-group-orders").locator("li")).toHaveCount(3);
    await expect(page.getByTestId("inbox-group-approvals").locator("li")).toHaveCount(1);
    await page.getByTestId("inbox-tab-orders").click();
    await expect(page).toHaveURL(/group=orders/);
    await expect(page.getByTestId("inbox-group-approvals")).toHaveCount(0);
    await expect(page.getByTestId("inbox-group-orders").locator("li")).toHaveCount(3);
    await page.getByTestId("mark-all-read").click();
    await expect(page.getByTestId("inbox-unread")).toHaveText(fill(tk.notifications.unread, { count: 0 }));
    await expect(page.getByTestId("mark-all-read")).toHaveCount(0);
    const left = await withE2eDb((db) =>
      db
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(eq(notifications.userId, who.adminId), isNull(notifications.readAt))),
    );
    expect(left).toEqual([]);
    if (locale === "en") await expectNoSystemChinese(page.locator("main"), "inbox");
  });
}

for (const locale of LOCALES) {
  test(`batch statement (${locale}): streams with progress and says when it is ready`, async ({ browser }) => {
    const bl = BL[locale];
    const buildingId = await withE2eDb(async (db) => {
      const [row] = await db
        .select({ id: buildings.id })
        .from(buildings)
        .innerJoin(memberships, eq(memberships.companyId, buildings.companyId))
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(users.email, demo("finance").email))
        .orderBy(buildings.id)
        .limit(1);
      return row.id;
    });
    const page = await as(browser, "finance", locale);
    const url = `/staff/billing/print/building/${buildingId}`;
    // The streamed HTML starts with the progress bar; the statements follow chunk by chunk.
    const html = await (await page.request.get(url)).text();
    expect(html).toContain('role="progressbar"');
    await page.goto(url);
    const ready = page.getByTestId("batch-ready");
    await expect(ready).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("batch-progress")).toHaveCount(0);
    const printed = await page.getByTestId("statement").count();
    expect(printed).toBeGreaterThan(0);
    const expected =
      locale === "en"
        ? `All done: ${printed} ${printed === 1 ? "statement is" : "statements are"} ready to print.`
        : fill(bl.print.batchReady, { count: printed });
    await expect(ready).toHaveText(expected);
  });
}
