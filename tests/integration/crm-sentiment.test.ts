import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  crmRuleSets,
  feeItems,
  goldBadges,
  householdScores,
  notifications,
  payments,
  sentimentEntries,
  workOrderAssignees,
  workOrders,
} from "@/db/schema";
import { recordPayment } from "@/lib/flows/record-payment";
import { DEFAULT_CRM_RULES, type CrmRules } from "@/lib/crm/config";
import { bandDistribution, movedThisWeek, weeklyTrend } from "@/lib/crm/dashboard";
import { householdLedger } from "@/lib/crm/ledger/household";
import { butlerRiskLists } from "@/lib/crm/risk-lists";
import { runGoldAward, runGoldExpiry } from "@/lib/crm/gold/award";
import { appendSentimentEntries } from "@/lib/crm/ledger/write";
import { activeGoldBadges, householdSentiments, publishedRules } from "@/lib/crm/ledger/read";
import { runRecovery } from "@/lib/crm/ledger/recovery";
import { addCorrection, currentDraft, discardDraft, publishDraft, saveDraft } from "@/lib/crm/rulesets/commands";
import { whatIfPreview } from "@/lib/crm/rulesets/whatif-run";
import { verifyCompany } from "@/lib/crm/ledger/verify";
import type { Db } from "@/lib/db/client";
import { loadRegistryView } from "@/lib/registry/view";
import { triageComplaint } from "@/lib/flows/triage-complaint";
import { loadOrder } from "@/lib/tickets/orders";
import { submitResidentRequest } from "@/lib/tickets/submit";
import { createTestDb } from "../support/test-db";
import { ticketWorld } from "../support/tickets";

async function goldWorld(db: Db) {
  const w = await ticketWorld(db, { techs: [] });
  await db.insert(feeItems).values([
    { companyId: w.companyId, name: "物业费", kind: "per_area", priceFen: 250 },
    { companyId: w.companyId, name: "垃圾费", kind: "per_household", priceFen: 1000 },
  ]);
  // 89.00 m² × 2.50 元 + 10 元 = 232.50 元 a month
  return { ...w, monthlyFen: 23250, household: w.estate.households[0] };
}

const pay = (db: Db, w: Awaited<ReturnType<typeof goldWorld>>, months: number, key: string, now: Date) =>
  recordPayment(db, {
    companyId: w.companyId,
    householdId: w.household.id,
    amountFen: months * w.monthlyFen,
    method: "cash",
    idempotencyKey: key,
    actorUserId: w.adminId,
    now,
  });

const entriesOf = (db: Db, householdId: number) =>
  db.select().from(sentimentEntries).where(eq(sentimentEntries.householdId, householdId));

describe("CRM-EW sentiment", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("triage writes exactly one complaint entry, in the triage transaction", async () => {
    const w = await ticketWorld(db, { techs: [] });
    const h = w.estate.households[0].id;
    const o = await submitResidentRequest(db, w.as.resident, {
      type: "complaint",
      unitId: w.estate.units[0].id,
      description: "电梯坏了没人管",
    });

    // A failure after the entry (the dispatch's insert is refused): nothing of the triage is left.
    await db.run(
      sql.raw(
        `create trigger crm_test_fail before insert on work_order_assignees begin select raise(abort, 'forced failure'); end`,
      ),
    );
    await expect(
      triageComplaint(db, w.as.frontDesk, { id: o.id, classification: "medium", points: -8 }),
    ).rejects.toThrow();
    await db.run(sql.raw(`drop trigger crm_test_fail`));
    expect(await entriesOf(db, h)).toHaveLength(0);
    expect((await loadOrder(db, w.companyId, o.id)).status).toBe("submitted");
    expect(await db.$count(householdScores, eq(householdScores.householdId, h))).toBe(0);

    await triageComplaint(
      db,
      w.as.frontDesk,
      { id: o.id, classification: "medium", points: -8 },
      new Date("2026-03-02T02:00:00Z"),
    );
    const rows = await entriesOf(db, h);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      rule: "complaint",
      step: "medium",
      points: -8,
      scoreAfter: 92,
      sourceType: "work_order",
      sourceId: o.id,
      dedupeKey: `complaint:${o.id}`,
      occurredOn: "2026-03-02",
      actorUserId: w.frontDesk.id,
    });
    expect((await householdSentiments(db, w.companyId, [h])).get(h)).toEqual({ score: 92, band: "good" });
    // Re-triage is not a legal transition, and the dedupe key would refuse a second entry anyway.
    await expect(
      triageComplaint(db, w.as.frontDesk, { id: o.id, classification: "major", points: -20 }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await entriesOf(db, h)).toHaveLength(1);
  });

  it("complaint ranges follow the company's published rules", async () => {
    const w = await ticketWorld(db, { techs: [] });
    const rules: CrmRules = structuredClone(DEFAULT_CRM_RULES);
    rules.complaints.general = { ...rules.complaints.general, max: -3, min: -4 };
    await saveDraft(db, { companyId: w.companyId, userId: w.adminId }, rules);
    await publishDraft(db, { companyId: w.companyId, userId: w.adminId });
    const o = await submitResidentRequest(db, w.as.resident, {
      type: "complaint",
      unitId: w.estate.units[0].id,
      description: "噪音",
    });
    await expect(
      triageComplaint(db, w.as.frontDesk, { id: o.id, classification: "general", points: -2 }),
    ).rejects.toMatchObject({ code: "validation", fieldErrors: { points: ["tickets.errors.pointsOutOfRange"] } });
    expect(await entriesOf(db, w.estate.households[0].id)).toHaveLength(0);
    await triageComplaint(db, w.as.frontDesk, { id: o.id, classification: "general", points: -4 });
    expect((await entriesOf(db, w.estate.households[0].id))[0].points).toBe(-4);
  });

  it("a cashier payment that brings the household 12 months ahead awards the gold badge, order and entry once", async () => {
    const w = await goldWorld(db);
    const now = new Date("2026-04-10T03:00:00Z");
    await pay(db, w, 11, "cash-11", now);
    expect(await db.$count(goldBadges, eq(goldBadges.householdId, w.household.id))).toBe(0);
    // A duplicated payment key, concurrently: one payment, one award.
    const results = await Promise.all(Array.from({ length: 5 }, () => pay(db, w, 1, "cash-12", now)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.$count(payments, eq(payments.householdId, w.household.id))).toBe(2);
    const badges = await db.select().from(goldBadges).where(eq(goldBadges.householdId, w.household.id));
    expect(badges).toHaveLength(1);
    expect(badges[0]).toMatchObject({
      awardedOn: "2026-04-10",
      expiresOn: "2027-04-10",
      paymentId: results.find((r) => r.created)!.payment.id,
    });
    const entries = await entriesOf(db, w.household.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      rule: "gold_badge",
      points: 20,
      scoreAfter: 100,
      dedupeKey: `gold:${w.household.id}:2026-04-10`,
      sourceType: "payment",
    });
    const [order] = await db.select().from(workOrders).where(eq(workOrders.id, badges[0].workOrderId!));
    expect(order).toMatchObject({ type: "visit", source: "system", householdId: w.household.id, status: "assigned" });
    expect(
      (await db.select().from(workOrderAssignees).where(eq(workOrderAssignees.workOrderId, order.id))).map((a) => [
        a.userId,
        a.role,
      ]),
    ).toEqual([[w.butler.id, "butler"]]);
    expect(
      await db.$count(
        notifications,
        and(eq(notifications.userId, w.resident.id), eq(notifications.kind, "gold.awarded")),
      ),
    ).toBe(1);
    expect((await activeGoldBadges(db, w.companyId, [w.household.id], "2026-05-01")).has(w.household.id)).toBe(true);

    // More prepayment while the badge is active: no second award; the catch-up job agrees.
    await pay(db, w, 12, "cash-24", new Date("2026-06-01T03:00:00Z"));
    expect(
      await runGoldAward(db, { id: w.companyId, timeZone: "Asia/Shanghai" }, "2026-06-02", new Date()),
    ).toMatchObject({ goldAwarded: 0 });
    expect(await db.$count(goldBadges, eq(goldBadges.householdId, w.household.id))).toBe(1);

    // Expiry: idempotent; afterwards the catch-up job awards again (still 12+ months ahead).
    const c = { id: w.companyId, timeZone: "Asia/Shanghai" };
    expect(await runGoldExpiry(db, c, "2027-04-09", new Date())).toEqual({ goldExpired: 0 });
    const [a, b] = await Promise.all([
      runGoldExpiry(db, c, "2027-04-10", new Date()),
      runGoldExpiry(db, c, "2027-04-10", new Date()),
    ]);
    expect(a.goldExpired + b.goldExpired).toBe(1);
    expect(
      await db.$count(
        notifications,
        and(eq(notifications.userId, w.resident.id), eq(notifications.kind, "gold.expired")),
      ),
    ).toBe(1);
    expect((await activeGoldBadges(db, w.companyId, [w.household.id], "2027-04-10")).size).toBe(0);
    expect(await runGoldAward(db, c, "2027-04-10", new Date())).toMatchObject({ goldAwarded: 1 });
    expect(await runGoldAward(db, c, "2027-04-10", new Date())).toMatchObject({ goldAwarded: 0 });
    expect(await db.$count(goldBadges, eq(goldBadges.householdId, w.household.id))).toBe(2);
    expect((await verifyCompany(db, w.companyId)).mismatchedEntries).toBe(0);
  });

  it("the recovery rule adds points only when enabled, once per month, not after a negative month", async () => {
    const w = await ticketWorld(db, { techs: [] });
    const c = { id: w.companyId, timeZone: "Asia/Shanghai" };
    const [h1, h2] = w.estate.households;
    await db.transaction((tx) =>
      appendSentimentEntries(tx, w.companyId, 100, [
        {
          householdId: h1.id,
          occurredOn: "2026-01-10",
          rule: "correction",
          points: -10,
          dedupeKey: "t1",
          messageKey: "correction",
        },
        {
          householdId: h2.id,
          occurredOn: "2026-02-10",
          rule: "correction",
          points: -10,
          dedupeKey: "t2",
          messageKey: "correction",
        },
      ]),
    );
    expect(await runRecovery(db, c, "2026-03-01", new Date())).toEqual({ recovery: 0 });
    const rules: CrmRules = structuredClone(DEFAULT_CRM_RULES);
    rules.recovery = { enabled: true, pointsPerMonth: 2 };
    await saveDraft(db, { companyId: w.companyId, userId: w.adminId }, rules);
    await publishDraft(db, { companyId: w.companyId, userId: w.adminId });
    expect(await runRecovery(db, c, "2026-03-02", new Date())).toEqual({ recovery: 0 });
    // h1 and h3 had no negative entry in February (+2; h3 stays clamped at 100); h2 had one.
    expect(await runRecovery(db, c, "2026-03-01", new Date())).toEqual({ recovery: 2 });
    expect(await runRecovery(db, c, "2026-03-01", new Date())).toEqual({ recovery: 0 });
    expect((await householdSentiments(db, w.companyId, [h1.id, h2.id])).get(h1.id)?.score).toBe(92);
    expect((await entriesOf(db, h1.id)).find((e) => e.rule === "recovery")).toMatchObject({
      dedupeKey: `recovery:${h1.id}:2026-02`,
      points: 2,
    });
  });

  it("rules: draft, what-if, publish (archives, audits, recomputes on a new initial score), discard, correction", async () => {
    const w = await ticketWorld(db, { techs: [] });
    const actor = { companyId: w.companyId, userId: w.adminId };
    const [h1, h2] = w.estate.households;
    await db.transaction((tx) =>
      appendSentimentEntries(tx, w.companyId, 100, [
        {
          householdId: h1.id,
          occurredOn: "2026-01-10",
          rule: "arrears",
          step: "m6",
          points: -5,
          dedupeKey: "a1",
          messageKey: "arrears",
        },
        {
          householdId: h2.id,
          occurredOn: "2026-01-10",
          rule: "complaint",
          step: "major",
          points: -40,
          dedupeKey: "c1",
          messageKey: "complaint",
        },
      ]),
    );
    const draft: CrmRules = structuredClone(DEFAULT_CRM_RULES);
    draft.initialScore = 90;
    draft.complaints.major = { ...draft.complaints.major, min: -20 };
    // Bad input is refused and writes nothing.
    await expect(
      saveDraft(db, actor, { ...draft, bandFloors: { excellent: 80, good: 90, fair: 70, poor: 50 } }),
    ).rejects.toThrow();
    expect(await currentDraft(db, w.companyId)).toBeNull();
    await saveDraft(db, actor, draft);
    const preview = await whatIfPreview(db, w.companyId, (await currentDraft(db, w.companyId))!.rules);
    expect(preview.current).toEqual({ excellent: 2, good: 0, fair: 0, poor: 1, critical: 0 });
    // 90 good, 85 good, 70 fair
    expect(preview.draft).toEqual({ excellent: 0, good: 2, fair: 1, poor: 0, critical: 0 });
    await discardDraft(db, actor);
    expect(await currentDraft(db, w.companyId)).toBeNull();

    await saveDraft(db, actor, draft);
    const res = await publishDraft(db, actor);
    expect(res.recomputed).toBe(2);
    expect((await publishedRules(db, w.companyId)).initialScore).toBe(90);
    // Entries keep their points; score_after is derived: 90 − 5, 90 − 40.
    const s = await householdSentiments(db, w.companyId, [h1.id, h2.id, w.estate.households[2].id]);
    expect([...s.values()].map((x) => x.score)).toEqual([85, 50, 90]);
    expect((await entriesOf(db, h2.id))[0].points).toBe(-40);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.companyId, w.companyId), eq(auditLog.action, "crm.rules.publish")));
    expect((audit.before as CrmRules).initialScore).toBe(100);
    expect((audit.after as CrmRules).initialScore).toBe(90);
    await saveDraft(db, actor, { ...draft, initialScore: 95 });
    await publishDraft(db, actor);
    const statuses = await db
      .select({ status: crmRuleSets.status })
      .from(crmRuleSets)
      .where(eq(crmRuleSets.companyId, w.companyId));
    expect(statuses.filter((x) => x.status === "published")).toHaveLength(1);
    expect(statuses.filter((x) => x.status === "archived").length).toBeGreaterThanOrEqual(2);

    const corr = await addCorrection(
      db,
      actor,
      { householdId: h2.id, points: 10, reason: "误判投诉" },
      new Date("2026-03-05T02:00:00Z"),
    );
    expect(corr.score).toBe(65);
    const ledger = await householdLedger(db, w.companyId, h2.id);
    expect(ledger[0]).toMatchObject({ rule: "correction", points: 10, reason: "误判投诉", scoreAfter: 65 });
    expect(
      await db.$count(auditLog, and(eq(auditLog.companyId, w.companyId), eq(auditLog.action, "crm.correction"))),
    ).toBe(1);
    // Another company's household: not found.
    const other = await ticketWorld(db, { techs: [] });
    await expect(
      addCorrection(db, actor, { householdId: other.estate.households[0].id, points: 5, reason: "x" }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("verify finds no mismatch on a consistent ledger and detects a tampered cache or entry", async () => {
    const w = await ticketWorld(db, { techs: [] });
    const [h1, h2] = w.estate.households;
    await db.transaction((tx) =>
      appendSentimentEntries(tx, w.companyId, 100, [
        {
          householdId: h1.id,
          occurredOn: "2026-01-10",
          rule: "correction",
          points: -60,
          dedupeKey: "v1",
          messageKey: "correction",
        },
        {
          householdId: h1.id,
          occurredOn: "2026-01-11",
          rule: "correction",
          points: -60,
          dedupeKey: "v2",
          messageKey: "correction",
        },
        {
          householdId: h1.id,
          occurredOn: "2026-01-12",
          rule: "correction",
          points: 30,
          dedupeKey: "v3",
          messageKey: "correction",
        },
        {
          householdId: h2.id,
          occurredOn: "2026-01-10",
          rule: "correction",
          points: 20,
          dedupeKey: "v4",
          messageKey: "correction",
        },
      ]),
    );
    const ok = await verifyCompany(db, w.companyId);
    expect(ok).toMatchObject({ households: 3, entries: 4, mismatchedEntries: 0, mismatchedScores: 0 });
    expect((await householdSentiments(db, w.companyId, [h1.id])).get(h1.id)?.score).toBe(30);
    await db.update(householdScores).set({ score: 77 }).where(eq(householdScores.householdId, h2.id));
    const bad = await verifyCompany(db, w.companyId);
    expect(bad.mismatchedScores).toBe(1);
    expect(bad.mismatches[0]).toMatchObject({ kind: "cache", householdId: h2.id, expected: 100, actual: 77 });
    await db.update(sentimentEntries).set({ scoreAfter: 1 }).where(eq(sentimentEntries.dedupeKey, "v2"));
    expect((await verifyCompany(db, w.companyId)).mismatchedEntries).toBe(1);
  });

  it("dashboard queries are scoped by role and company", async () => {
    const w = await ticketWorld(db, { techs: [] });
    const otherButler = await (await import("../support/fixtures")).createUser(db, w.companyId, ["butler"], "另一管家");
    const estate2 = await (
      await import("../support/fixtures")
    ).createEstate(db, w.companyId, { n: 2, butlerId: otherButler.id });
    const [h1] = w.estate.households;
    await db.transaction((tx) =>
      appendSentimentEntries(tx, w.companyId, 100, [
        {
          householdId: h1.id,
          occurredOn: "2026-03-02",
          rule: "complaint",
          step: "major",
          points: -30,
          dedupeKey: "d1",
          messageKey: "complaint",
          sourceType: "work_order",
          sourceId: 1,
        },
        {
          householdId: estate2.households[0].id,
          occurredOn: "2026-02-02",
          rule: "complaint",
          step: "general",
          points: -8,
          dedupeKey: "d2",
          messageKey: "complaint",
        },
      ]),
    );
    const rules = await publishedRules(db, w.companyId);
    const adminView = await loadRegistryView(db, w.companyId, { userId: w.adminId, roles: ["admin"] });
    const butlerView = await loadRegistryView(db, w.companyId, { userId: w.butler.id, roles: ["butler"] });
    const otherView = await loadRegistryView(db, w.companyId, { userId: otherButler.id, roles: ["butler"] });
    expect((await bandDistribution(db, w.companyId, adminView, rules)).counts).toEqual({
      excellent: 3,
      good: 1,
      fair: 1,
      poor: 0,
      critical: 0,
    });
    expect((await bandDistribution(db, w.companyId, butlerView, rules)).counts).toEqual({
      excellent: 2,
      good: 0,
      fair: 1,
      poor: 0,
      critical: 0,
    });
    expect((await bandDistribution(db, w.companyId, otherView, rules)).counts).toEqual({
      excellent: 1,
      good: 1,
      fair: 0,
      poor: 0,
      critical: 0,
    });
    // Another company sees none of these.
    const other = await ticketWorld(db, { techs: [] });
    const otherCompanyView = await loadRegistryView(db, other.companyId, { userId: other.adminId, roles: ["admin"] });
    expect((await bandDistribution(db, other.companyId, otherCompanyView, rules)).total).toBe(3);

    // 2026-03-04 is a Wednesday: the week began on Monday 2 March.
    const moved = await movedThisWeek(db, w.companyId, adminView, rules, "2026-03-04");
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({
      householdId: h1.id,
      from: "excellent",
      to: "fair",
      score: 70,
      entry: { rule: "complaint", points: -30, sourceType: "work_order" },
    });
    expect(await movedThisWeek(db, w.companyId, otherView, rules, "2026-03-04")).toEqual([]);

    const trend = await weeklyTrend(db, w.companyId, butlerView, rules, "2026-03-04");
    expect(trend).toHaveLength(12);
    expect(trend.at(-1)).toMatchObject({ weekEnd: "2026-03-04", households: 3, fair: 1, excellent: 2, mean: 90 });
    expect(trend.at(-2)).toMatchObject({ weekEnd: "2026-03-01", households: 3, excellent: 3, mean: 100 });

    const risk = await butlerRiskLists(db, w.companyId, adminView, rules, "2026-03-04");
    const mine = risk.filter((r) => r.butlerUserId === w.butler.id);
    expect(mine.map((r) => r.score)).toEqual([70, 100, 100]);
    expect(mine[0]).toMatchObject({ householdId: h1.id, band: "fair", monthsInArrears: 0, households: 3 });
    const butlersOwn = await butlerRiskLists(db, w.companyId, butlerView, rules, "2026-03-04");
    expect(butlersOwn.length).toBeGreaterThan(0);
    expect(butlersOwn.every((r) => r.butlerUserId === w.butler.id)).toBe(true);
    // One butler's whole list, still within the viewer's scope.
    expect(
      (await butlerRiskLists(db, w.companyId, adminView, rules, "2026-03-04", 1000, otherButler.id))
        .map((r) => r.householdId)
        .sort(),
    ).toEqual(estate2.households.map((h) => h.id).sort());
    expect(await butlerRiskLists(db, w.companyId, butlerView, rules, "2026-03-04", 1000, otherButler.id)).toEqual([]);
  });
});
