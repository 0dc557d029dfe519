import { expect, type Browser, type Page } from "../support/test";
import { and, eq, sql } from "drizzle-orm";
import billingEn from "../../../messages/billing/en.json" with { type: "json" };
import billingZh from "../../../messages/billing/zh-CN.json" with { type: "json" };
import {
  billingSettings,
  buildings,
  communities,
  feeItems,
  householdUnits,
  households,
  memberships,
  meterReadings,
  residentLinks,
  units,
  users,
} from "../../../db/schema";
import { newHouseholdCode } from "../../../lib/registry/codes";
import { addMonths } from "../../../lib/time/calendar";
import { localDate } from "../../../lib/time/zone";
import { test } from "../support/axe";
import { withE2eDb } from "../support/db";
import { authFile, demo } from "../support/demo";
import { uniqueTag } from "../support/factories";
import { fill, LOCALES, type Locale } from "../support/messages";

/**
 * 抄表 from phones at 375 px (issue 19 point 5): a technician reads a fresh building's meters unit
 * by unit with a photo (an implausible reading confirmed), and the readings are stored approved
 * for the bill run; a resident submits a self-reading inside the window and staff approve it.
 */

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
const B = { "zh-CN": billingZh, en: billingEn } as const;
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const photo = { name: "meter.png", mimeType: "image/png", buffer: PNG };
const month = () => localDate(new Date(), "Asia/Shanghai").slice(0, 7);

async function phoneAs(browser: Browser, role: "technician" | "resident" | "finance", locale: Locale): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(role), ...PHONE, locale });
  const url = test.info().project.use.baseURL ?? "http://127.0.0.1";
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url }]);
  return context.newPage();
}

async function noOverflow(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `no horizontal scrolling at 375 px on ${page.url()}`).toBeLessThanOrEqual(0);
}

/**
 * A building of its own in the demo company's first community with two flats, each with a
 * household and water readings of the two months before (10.00 a month; the first is the baseline).
 */
async function meterBuilding() {
  return withE2eDb(async (db) => {
    const [admin] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.phone, demo("admin").phone));
    const [m] = await db.select().from(memberships).where(eq(memberships.userId, admin.id)).limit(1);
    const companyId = m.companyId;
    const [community] = await db.select().from(communities).where(eq(communities.companyId, companyId)).limit(1);
    const [water] = await db
      .select()
      .from(feeItems)
      .where(and(eq(feeItems.companyId, companyId), eq(feeItems.kind, "metered"), eq(feeItems.active, true)))
      .orderBy(feeItems.id)
      .limit(1);
    const tag = uniqueTag();
    const [building] = await db
      .insert(buildings)
      .values({ companyId, communityId: community.id, name: `抄表楼${tag.slice(0, 6)}`, code: `M${tag}` })
      .returning();
    const flats = [];
    for (const n of ["101", "102"]) {
      const [unit] = await db
        .insert(units)
        .values({ companyId, buildingId: building.id, number: `${n}-${tag.slice(0, 4)}`, areaCentiM2: 8900 })
        .returning();
      const [household] = await db
        .insert(households)
        .values({ companyId, name: `抄表户${n}${tag.slice(0, 4)}`, kind: "owner", code: newHouseholdCode() })
        .returning();
      await db.insert(householdUnits).values({ companyId, householdId: household.id, unitId: unit.id });
      for (const [back, value] of [
        [2, 100000],
        [1, 101000],
      ] as const)
        await db.insert(meterReadings).values({
          companyId,
          unitId: unit.id,
          feeItemId: water.id,
          period: addMonths(month(), -back),
          readingCenti: value,
          previousCenti: back === 2 ? value : 100000,
        });
      flats.push({ unit, household });
    }
    return { companyId, building, water, flats };
  });
}

for (const locale of LOCALES) {
  test(`a technician reads a building's meters unit by unit with photos (${locale})`, async ({ browser, axe }) => {
    const t = B[locale].meterRound;
    const w = await meterBuilding();
    const page = await phoneAs(browser, "technician", locale);
    await page.goto("/staff");
    await expect(page.getByTestId("wb-meter-round")).toBeVisible();
    await page.goto(`/staff/field/meters?item=${w.water.id}&building=${w.building.id}&month=${month()}`);
    await expect(page.getByTestId("meter-round-progress")).toHaveText(fill(t.progress, { done: 0, total: 2 }));
    await expect(page.getByTestId("meter-round-unit")).toHaveText(w.flats[0].unit.number);
    await noOverflow(page);
    await axe(page);
    const form = page.getByTestId("meter-round-form");
    await form.getByLabel(t.reading).fill("1020");
    await form.locator('input[name="photos"]').setInputFiles(photo);
    await page.screenshot({ path: test.info().outputPath(`meter-round-${locale}.png`), fullPage: true });
    await form.getByRole("button", { name: t.save }).click();
    await expect(page.getByTestId("meter-round-progress")).toHaveText(fill(t.progress, { done: 1, total: 2 }));
    await expect(page.getByTestId("meter-round-unit")).toHaveText(w.flats[1].unit.number);

    // far above the usual 10.00 a month: asked to confirm, nothing saved until confirmed
    await form.getByLabel(t.reading).fill("1100");
    await form.locator('input[name="photos"]').setInputFiles(photo);
    await form.getByRole("button", { name: t.save }).click();
    await expect(form.getByRole("alert")).toHaveText(t.confirm_high);
    await form.locator('input[name="photos"]').setInputFiles(photo);
    await form.getByLabel(t.confirm).check();
    await form.getByRole("button", { name: t.save }).click();
    await expect(page.getByTestId("meter-round-progress")).toHaveText(fill(t.progress, { done: 2, total: 2 }));
    await expect(page.getByText(t.allDone)).toBeVisible();
    await expect(page.getByTestId("meter-round-units").locator('[data-state="done"]')).toHaveCount(2);
    await page.screenshot({ path: test.info().outputPath(`meter-round-done-${locale}.png`), fullPage: true });

    // what the bill run reads: approved readings with photos, the implausible one flagged
    const rows = await withE2eDb((db) =>
      db
        .select()
        .from(meterReadings)
        .where(
          and(
            eq(meterReadings.period, month()),
            sql`${meterReadings.unitId} in (${w.flats[0].unit.id}, ${w.flats[1].unit.id})`,
          ),
        ),
    );
    expect(
      rows.map((r) => [r.unitId, r.previousCenti, r.readingCenti, r.status, r.flag, r.photoPath !== null]),
    ).toEqual([
      [w.flats[0].unit.id, 101000, 102000, "approved", null, true],
      [w.flats[1].unit.id, 101000, 110000, "approved", "high", true],
    ]);
    await page.context().close();
  });

  test(`a resident submits a self-reading and staff approve it (${locale})`, async ({ browser, axe }) => {
    const t = B[locale].selfRead;
    const w = await meterBuilding();
    const flat = w.flats[0];
    await withE2eDb(async (db) => {
      const [resident] = await db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.phone, demo("resident").phone));
      await db.insert(residentLinks).values({
        companyId: w.companyId,
        userId: resident.id,
        householdId: flat.household.id,
        relation: "owner",
        status: "approved",
      });
      await db
        .insert(billingSettings)
        .values({ companyId: w.companyId, selfReadFromDay: 1, selfReadToDay: 31 })
        .onConflictDoUpdate({ target: billingSettings.companyId, set: { selfReadFromDay: 1, selfReadToDay: 31 } });
    });
    const page = await phoneAs(browser, "resident", locale);
    await page.goto("/bills");
    await page.getByTestId("self-read-entry").click();
    await expect(page).toHaveURL(/\/bills\/meters$/);
    const form = page.getByTestId(`self-read-form-${flat.unit.id}-${w.water.id}`);
    await form.getByLabel(t.reading).fill("1015");
    await form.locator('input[name="photos"]').setInputFiles(photo);
    await form.getByRole("button", { name: t.submit }).click();
    const status = page.getByTestId(`self-read-status-${flat.unit.id}-${w.water.id}`);
    await expect(status).toHaveAttribute("data-status", "pending");
    await expect(status).toHaveText(fill(t.status.pending, { value: "1015.00" }));
    await noOverflow(page);
    await axe(page);
    await page.screenshot({ path: test.info().outputPath(`self-read-${locale}.png`), fullPage: true });
    await page.context().close();

    const [pending] = await withE2eDb((db) =>
      db
        .select({ id: meterReadings.id })
        .from(meterReadings)
        .where(and(eq(meterReadings.unitId, flat.unit.id), eq(meterReadings.status, "pending"))),
    );
    const staff = await phoneAs(browser, "finance", locale);
    await staff.goto("/staff/billing/meters/self");
    const card = staff.getByTestId(`self-read-${pending.id}`);
    await expect(card).toContainText(fill(t.values, { reading: "1015.00", previous: "1010.00", used: "5.00" }));
    await card.getByRole("button", { name: t.approve }).click();
    await expect(card).toHaveCount(0);
    await staff.context().close();

    const [row] = await withE2eDb((db) => db.select().from(meterReadings).where(eq(meterReadings.id, pending.id)));
    expect([row.status, row.source, row.period]).toEqual(["approved", "resident", month()]);
    await withE2eDb((db) => db.delete(residentLinks).where(eq(residentLinks.householdId, flat.household.id)));
  });
}
