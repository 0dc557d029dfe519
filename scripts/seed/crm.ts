/**
 * CRM-EW demo history, derived — never hand-set: the seeded complaints' ledger entries are
 * written by the triage's own function, then the seed's 24 months are replayed through the
 * daily cron's CRM jobs (arrears ladder with its notices, orders and legal cases, gold badge
 * award and expiry, recovery) on the days that matter — the 1st and the day after the due
 * day of every month, and today — counting only the money received by each day. The current
 * quarter also gets its survey and its visit sampling, and the butlers are taken to have
 * recorded most of last month's sample (through the visit record's own command).
 * Idempotent: a finished run leaves an audit row "seed.crm"; every job is idempotent anyway.
 */
import { and, asc, eq, isNotNull, isNull, lt } from "drizzle-orm";
import type { Db } from "../../lib/db/client";
import { getBillingSettings } from "../../lib/billing/pricing";
import { recordComplaintEntryTx } from "../../lib/crm/ledger/complaints";
import { createLegalFollowUp, moveLegalCase } from "../../lib/crm/legal/cases";
import { confirmLetter } from "../../lib/crm/legal/letters";
import { publishedRules } from "../../lib/crm/ledger/read";
import { recordVisit } from "../../lib/crm/visits/record";
import { workThroughBacklog } from "./backlog";
import { CRON_JOBS } from "../../lib/cron/jobs";
import { runDaily } from "../../lib/cron/run";
import { acceptOrder } from "../../lib/tickets/commands";
import * as s from "../../db/schema";
import { SEED_MONTHS } from "./billing";
import { addMonths } from "../../lib/time/calendar";
import { localDate } from "../../lib/time/zone";

export const CRM_SEED_ACTION = "seed.crm";

const HISTORY_JOBS = ["crm.arrears", "crm.goldExpiry", "crm.goldAward", "crm.recovery"];
const QUARTER_JOBS = ["crm.visits", "crm.surveys"];

const pad = (n: number) => String(n).padStart(2, "0");

/** The replayed days: the 1st and the day after the due day of each seeded month, then today. */
export function replayDates(today: string, dueDay: number, months = SEED_MONTHS): string[] {
  const current = today.slice(0, 7);
  const out = new Set<string>();
  for (let i = months - 1; i >= 0; i--) {
    const p = addMonths(current, -i);
    for (const d of [`${p}-01`, `${p}-${pad(Math.min(dueDay + 1, 28))}`]) if (d < today) out.add(d);
  }
  out.add(today);
  return [...out].sort();
}

/** 1. The seeded complaints' entries, exactly as the triage writes them (dated at triage). */
async function recordComplaints(db: Db, companyId: number, initialScore: number) {
  const complaints = await db
    .select({
      id: s.workOrders.id,
      householdId: s.workOrders.householdId,
      classification: s.workOrders.classification,
      points: s.workOrders.points,
      triagedAt: s.workOrders.triagedAt,
      by: s.workOrders.triagedByUserId,
    })
    .from(s.workOrders)
    .where(
      and(
        eq(s.workOrders.companyId, companyId),
        eq(s.workOrders.type, "complaint"),
        isNotNull(s.workOrders.classification),
        isNotNull(s.workOrders.triagedAt),
      ),
    )
    .orderBy(asc(s.workOrders.triagedAt));
  for (const c of complaints) {
    if (c.householdId == null || c.classification == null || c.points == null || c.triagedAt == null) continue;
    const x = { ...c, classification: c.classification, points: c.points, at: c.triagedAt };
    await db.transaction((tx) =>
      recordComplaintEntryTx(tx, {
        companyId,
        workOrderId: x.id,
        householdId: x.householdId,
        classification: x.classification,
        points: x.points,
        actorUserId: x.by,
        now: x.at,
        initialScore,
      }),
    );
  }
  return complaints.length;
}

/** 2. Replay the history through the cron's own jobs. */
async function replayHistory(db: Db, companyId: number, today: string) {
  const { dueDay } = await getBillingSettings(db, companyId);
  const quarterStart = `${today.slice(0, 5)}${pad(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1)}-01`;
  const totals: Record<string, number> = {};
  const dates = replayDates(today, dueDay);
  for (const asOf of dates) {
    const names = asOf >= quarterStart ? [...HISTORY_JOBS, ...QUARTER_JOBS] : HISTORY_JOBS;
    const jobs = CRON_JOBS.filter((j) => names.includes(j.name));
    // Its own lease: the replay never blocks (nor waits for) the daily cron of other companies.
    const run = await runDaily(db, { asOf, companyIds: [companyId], jobs, lease: `seed-crm:${companyId}` });
    if (run.status !== "ok")
      throw new Error(`CRM replay of ${asOf} ended ${run.status}: ${JSON.stringify(run).slice(0, 500)}`);
    for (const t of Object.values(run.totals))
      for (const [k, v] of Object.entries(t))
        if (!["done", "skipped", "failed"].includes(k)) totals[k] = (totals[k] ?? 0) + v;
  }
  return { totals, dates };
}

/** 3. Butlers recorded nearly all of the earlier months' visits (about 96 %): a few are late. */
async function recordEarlierVisits(db: Db, companyId: number, today: string) {
  const earlier = await db
    .select({
      id: s.visits.id,
      householdId: s.visits.householdId,
      butler: s.visits.butlerUserId,
      orderId: s.visits.workOrderId,
      sampledMonth: s.visits.sampledMonth,
    })
    .from(s.visits)
    .where(
      and(
        eq(s.visits.companyId, companyId),
        isNull(s.visits.visitedAt),
        lt(s.visits.sampledMonth, today.slice(0, 7)),
        isNotNull(s.visits.workOrderId),
      ),
    )
    .orderBy(asc(s.visits.id));
  let visited = 0;
  for (const v of earlier) {
    if (v.butler == null || v.orderId == null || (v.householdId * 7919) % 100 >= 96) continue;
    const actor = { companyId, userId: v.butler, roles: ["butler" as const] };
    const at = new Date(`${v.sampledMonth}-${pad(5 + (v.householdId % 20))}T02:30:00Z`);
    await acceptOrder(db, actor, v.orderId, at);
    const satisfaction = [5, 5, 4, 4, 4, 3, 5, 2, 4, 1][v.householdId % 10];
    await recordVisit(
      db,
      actor,
      {
        visitId: v.id,
        notes: satisfaction >= 4 ? "住户满意，无其他诉求。" : "住户反映楼道照明和垃圾清运问题，已记录跟进。",
        satisfaction,
        issues: satisfaction >= 4 ? undefined : "楼道照明 / 垃圾清运",
        createOrder: false,
        orderType: undefined,
      },
      at,
    );
    visited++;
  }
  return visited;
}

/**
 * Lawyer's letters wait for legal's confirmation (SPEC §12, on by default): legal confirmed the
 * older ones the day after they were prepared, through the same command as the legal page;
 * the last month's stay waiting, so the demo shows the confirmation list on /staff/legal.
 */
async function confirmOlderLetters(db: Db, companyId: number, legalUserId: number, today: string, now: Date) {
  let confirmed = 0;
  const waiting = await db
    .select({ id: s.crmNotices.id, issuedOn: s.crmNotices.issuedOn })
    .from(s.crmNotices)
    .where(
      and(
        eq(s.crmNotices.companyId, companyId),
        eq(s.crmNotices.awaitingConfirmation, true),
        lt(
          s.crmNotices.issuedOn,
          new Date(Date.parse(`${today}T00:00:00Z`) - 31 * 86_400_000).toISOString().slice(0, 10),
        ),
      ),
    )
    .orderBy(asc(s.crmNotices.id));
  for (const n of waiting) {
    const at = new Date(Math.min(now.getTime(), Date.parse(`${n.issuedOn}T02:00:00Z`) + 86_400_000));
    if ((await confirmLetter(db, { companyId, userId: legalUserId }, { id: n.id }, at)).sent) confirmed++;
  }
  return confirmed;
}

/** Legal moved the older cases along their paths; the households still owe, so none is settled. */
async function moveOlderCases(db: Db, companyId: number, legalUserId: number, today: string, now: Date) {
  let moved = 0;
  const actor = { companyId, userId: legalUserId, roles: ["legal" as const] };
  const cases = await db
    .select({ id: s.legalCases.id, openedOn: s.legalCases.openedOn })
    .from(s.legalCases)
    .where(
      and(
        eq(s.legalCases.companyId, companyId),
        eq(s.legalCases.status, "letter_sent"),
        lt(s.legalCases.openedOn, addMonths(today.slice(0, 7), -2)),
      ),
    )
    .orderBy(asc(s.legalCases.id));
  const paths: (typeof s.LEGAL_CASE_STATUS_VALUES)[number][][] = [
    ["negotiating"],
    ["negotiating", "lawsuit_material_ready"],
    ["negotiating", "lawsuit_material_ready", "filed"],
    [],
  ];
  const notes: Record<string, string> = {
    negotiating: "已与业主面谈，业主表示将分期缴清。",
    lawsuit_material_ready: "协商未果，欠费明细、合同与催缴记录已整理。",
    filed: "已向人民法院提起诉讼。",
  };
  for (const c of cases) {
    const path = paths[c.id % paths.length];
    for (const [i, to] of path.entries()) {
      const at = new Date(Math.min(now.getTime(), Date.parse(`${c.openedOn}T03:00:00Z`) + (i + 1) * 20 * 86_400_000));
      await moveLegalCase(db, actor, { id: c.id, to, note: notes[to] }, at);
      moved++;
    }
    // Most worked cases have a follow-up with the butler open, so the legal workbench has deadlines.
    if (path.length && c.id % 4 !== 1) {
      const at = new Date(now.getTime() - (c.id % 3) * 18 * 3_600_000);
      await createLegalFollowUp(db, actor, { id: c.id, note: "请管家上门确认还款计划并回传签字的分期协议。" }, at);
    }
  }
  return moved;
}

/** 4. The legal department has worked the older cases (through the case's own command). */
async function workLegal(db: Db, companyId: number, today: string, now: Date) {
  const [legalUser] = await db
    .select({ id: s.memberships.userId })
    .from(s.memberships)
    .where(and(eq(s.memberships.companyId, companyId), eq(s.memberships.role, "legal")))
    .limit(1);
  if (!legalUser) return { moved: 0, confirmed: 0 };
  const confirmed = await confirmOlderLetters(db, companyId, legalUser.id, today, now);
  const moved = await moveOlderCases(db, companyId, legalUser.id, today, now);
  return { moved, confirmed };
}

export async function seedDemoCrm(db: Db, companyId: number, opts: { now?: Date; log?: (line: string) => void } = {}) {
  const log = opts.log ?? (() => {});
  const [done] = await db
    .select({ id: s.auditLog.id })
    .from(s.auditLog)
    .where(and(eq(s.auditLog.companyId, companyId), eq(s.auditLog.action, CRM_SEED_ACTION)))
    .limit(1);
  if (done) return { status: "exists" as const };
  const started = performance.now();
  const now = opts.now ?? new Date();
  const [company] = await db
    .select({ timeZone: s.companies.timeZone })
    .from(s.companies)
    .where(eq(s.companies.id, companyId));
  const tz = company?.timeZone ?? "Asia/Shanghai";
  const today = localDate(now, tz);
  const rules = await publishedRules(db, companyId);

  const complaintCount = await recordComplaints(db, companyId, rules.initialScore);
  const { totals, dates } = await replayHistory(db, companyId, today);
  const visited = await recordEarlierVisits(db, companyId, today);
  const backlog = await workThroughBacklog(db, companyId, now);
  const { moved, confirmed } = await workLegal(db, companyId, today, now);

  await db.insert(s.auditLog).values({
    companyId,
    actorUserId: null,
    action: CRM_SEED_ACTION,
    entity: "company",
    entityId: String(companyId),
    before: null,
    after: {
      dates: dates.length,
      complaints: complaintCount,
      visited,
      backlog,
      legalMoves: moved,
      lettersConfirmed: confirmed,
      ...totals,
    },
    createdAt: now,
  });
  log(
    `  crm-ew: ${complaintCount} complaint entries, ${dates.length} days replayed (${Object.entries(totals)
      .filter(([, v]) => v)
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ", ",
      )}), ${visited} visits recorded, ${backlog.accepted} orders accepted and ${backlog.resolved} closed in time, ${confirmed} lawyer's letters confirmed, ${moved} legal case steps in ${((performance.now() - started) / 1000).toFixed(2)} s`,
  );
  return { status: "created" as const, totals, visited };
}
