import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import {
  arrearsEpisodes,
  buildingButlers,
  buildings,
  householdUnits,
  unitButlers,
  units,
  communityManagers,
  crmNotices,
  households,
  ladderFiringOrders,
  ladderFirings,
  legalCaseEvents,
  legalCases,
  memberships,
  notifications,
  slaSettings,
  supervisorButlers,
  users,
  workOrderAssignees,
  workOrderEvents,
  workOrders,
  type NoticeSnapshot,
} from "@/db/schema";
import { fenToYuanText } from "@/lib/billing/rules";
import { monthsInArrearsAsOf, unpaidMonthlyBillsAsOf } from "@/lib/billing/queries";
import type { CronCompany, CronJob } from "@/lib/jobs/types";
import type { Db, DbOrTx } from "@/lib/db/client";
import { staffOrderHref } from "@/lib/tickets/notify";
import { defaultSla, slaDeadlines, type AssigneeRole } from "@/lib/tickets/rules";
import { collectionOrderText } from "./arrears-text";
import { disputedHouseholds } from "./dispute-queries";
import { deliverNotices, legalConfirmationOn, noticeHref, residentsOf } from "./notice-delivery";
import { appendSentimentEntries } from "./ledger";
import { publishedRules } from "./read";
import { arrearsDedupeKey, evaluateArrears, noticeNumber, type ArrearsDecision } from "./rules/arrears";
import { replayCutoff } from "@/lib/time/zone";
import { chunk } from "@/lib/db/chunk";

/**
 * The daily arrears ladder (SPEC §8.3, §10) for one company on `asOf`.
 *
 * Reads are set-based (months in arrears of every household, the open episodes and their
 * firings: three queries), the pure rule decides per household, and the writes go in
 * transactions of BATCH households each — so a crash leaves whole households done and a
 * re-run picks up the rest. Within a batch: episodes started/ended, firings inserted with
 * onConflictDoNothing (the idempotency key), and only for the firings actually inserted:
 * notice numbers (gapless: the counter moves inside the same transaction), notices, ledger
 * entries, resident inbox entries, collection work orders with their assignees, and for the
 * legal step the legal case and the legal department's inbox. A second run for the same date,
 * or a run overlapping another, writes nothing twice.
 */

const BATCH = 500;

export { noticeHref };
export const staffNoticeHref = (id: number) => `/staff/crm/notices/${id}`;
export const legalCaseHref = (id: number) => `/staff/legal/${id}`;

interface Plan {
  householdId: number;
  months: number;
  owedFen: number;
  decision: ArrearsDecision;
}

/** The open episodes of the company with their firings (two queries). */
async function openEpisodes(db: DbOrTx, companyId: number) {
  const eps = await db
    .select({ id: arrearsEpisodes.id, householdId: arrearsEpisodes.householdId })
    .from(arrearsEpisodes)
    .where(and(eq(arrearsEpisodes.companyId, companyId), isNull(arrearsEpisodes.endedOn)));
  const fired = await db
    .select({
      householdId: ladderFirings.householdId,
      stepKey: ladderFirings.stepKey,
      occurrence: ladderFirings.occurrence,
    })
    .from(ladderFirings)
    .innerJoin(arrearsEpisodes, and(eq(arrearsEpisodes.id, ladderFirings.episodeId), isNull(arrearsEpisodes.endedOn)))
    .where(and(eq(ladderFirings.companyId, companyId), eq(arrearsEpisodes.companyId, companyId)));
  const byHousehold = new Map<number, { id: number; fired: { stepKey: string; occurrence: number }[] }>();
  for (const e of eps) byHousehold.set(e.householdId, { id: e.id, fired: [] });
  for (const f of fired) byHousehold.get(f.householdId)?.fired.push({ stepKey: f.stepKey, occurrence: f.occurrence });
  return byHousehold;
}

export const runArrearsLadder: CronJob = (db, company, asOf, now) => runLadder(db, company, asOf, now);

/**
 * The ladder for the company, optionally limited to some households (a support tool and the
 * e2e helper use that; the cron always runs every household).
 */
export async function runLadder(db: Db, company: CronCompany, asOf: string, now: Date, only?: ReadonlySet<number>) {
  const companyId = company.id;
  const rules = await publishedRules(db, companyId);
  const steps = rules.arrears.steps;
  // A past date (catch-up, replay) counts only the money received by the end of that day.
  const cutoff = replayCutoff(asOf, company.timeZone);
  const [arrears, episodes, paused] = await Promise.all([
    monthsInArrearsAsOf(db, companyId, asOf, cutoff),
    openEpisodes(db, companyId),
    disputedHouseholds(db, companyId),
  ]);

  const plans: Plan[] = [];
  for (const hid of new Set([...arrears.keys(), ...episodes.keys()])) {
    if (only && !only.has(hid)) continue;
    const a = arrears.get(hid) ?? { months: 0, owedFen: 0 };
    const ep = episodes.get(hid);
    const decision = evaluateArrears(steps, {
      months: a.months,
      openEpisode: ep ? { id: ep.id } : null,
      fired: ep?.fired ?? [],
      paused: paused.has(hid),
    });
    if (decision.startEpisode || decision.endEpisode || decision.firings.length)
      plans.push({ householdId: hid, months: a.months, owedFen: a.owedFen, decision });
  }
  plans.sort((a, b) => a.householdId - b.householdId);

  const totals = {
    households: arrears.size,
    episodesStarted: 0,
    episodesEnded: 0,
    firings: 0,
    notices: 0,
    orders: 0,
    legalCases: 0,
  };
  if (!plans.length) return totals;

  const sla = await collectionSla(db, companyId);
  const legalUsers = await usersWithRole(db, companyId, "legal");
  const holdLetters = await legalConfirmationOn(db, companyId);
  const people = await peopleOf(
    db,
    companyId,
    plans.filter((p) => p.decision.firings.length).map((p) => p.householdId),
  );
  for (const batch of chunk(plans, BATCH)) {
    const r = await runBatch(db, companyId, asOf, cutoff, now, batch, {
      initialScore: rules.initialScore,
      sla,
      legalUsers,
      people,
      holdLetters,
    });
    for (const k of Object.keys(r) as (keyof typeof r)[]) totals[k] += r[k];
  }
  return totals;
}

async function collectionSla(db: DbOrTx, companyId: number) {
  const [row] = await db
    .select({ acceptMinutes: slaSettings.acceptMinutes, resolveMinutes: slaSettings.resolveMinutes })
    .from(slaSettings)
    .where(
      and(eq(slaSettings.companyId, companyId), eq(slaSettings.type, "collection"), eq(slaSettings.severity, "normal")),
    );
  return row ?? defaultSla("collection", "normal");
}

async function usersWithRole(db: DbOrTx, companyId: number, role: "legal") {
  const rows = await db
    .selectDistinct({ id: memberships.userId })
    .from(memberships)
    .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.active, true)))
    .where(and(eq(memberships.companyId, companyId), eq(memberships.role, role)));
  return rows.map((r) => r.id);
}

type People = Map<
  number,
  {
    name: string;
    unitId: number | null;
    communityId: number | null;
    butler: number | null;
    supervisor: number | null;
    manager: number | null;
  }
>;

/**
 * Name, placement and people (butler, the butler's supervisor, the community's manager) of the
 * households that fire, in three flat queries for the whole run. The main unit and the butler
 * follow the rule of householdPlacementSubquery (first residential unit, else first unit; the
 * unit-range butler, else the building's), computed here because that subquery's correlated
 * lookup costs about a second per run on 50,000 households.
 */
async function peopleOf(db: DbOrTx, companyId: number, ids: readonly number[]): Promise<People> {
  const out: People = new Map();
  if (!ids.length) return out;
  const few = ids.length <= 500;
  const [rows, sups, managers] = await Promise.all([
    db
      .select({
        householdId: householdUnits.householdId,
        name: households.name,
        unitId: householdUnits.unitId,
        held: sql<number>`${householdUnits.toDate} is null`,
        type: units.type,
        communityId: buildings.communityId,
        butler: sql<number | null>`coalesce(${unitButlers.butlerUserId}, ${buildingButlers.butlerUserId})`,
      })
      .from(householdUnits)
      .innerJoin(households, eq(households.id, householdUnits.householdId))
      .innerJoin(units, eq(units.id, householdUnits.unitId))
      .innerJoin(buildings, eq(buildings.id, units.buildingId))
      .leftJoin(unitButlers, eq(unitButlers.unitId, units.id))
      .leftJoin(buildingButlers, eq(buildingButlers.buildingId, units.buildingId))
      .where(
        and(eq(householdUnits.companyId, companyId), few ? inArray(householdUnits.householdId, [...ids]) : undefined),
      ),
    db
      .select({ butler: supervisorButlers.butlerUserId, supervisor: supervisorButlers.supervisorUserId })
      .from(supervisorButlers)
      .where(eq(supervisorButlers.companyId, companyId)),
    db
      .select({ communityId: communityManagers.communityId, manager: communityManagers.managerUserId })
      .from(communityManagers)
      .where(eq(communityManagers.companyId, companyId)),
  ]);
  const supervisorOf = new Map(sups.map((r) => [r.butler, r.supervisor]));
  const managerOf = new Map(managers.map((r) => [r.communityId, r.manager]));
  const wanted = new Set(ids);
  const main = new Map<number, (typeof rows)[number]>();
  // A unit held now before one sold (a seller's ladder keeps the address of what it held).
  const rank = (r: (typeof rows)[number]) => [(r.held ? 0 : 2) + (r.type === "residential" ? 0 : 1), r.unitId] as const;
  for (const r of rows) {
    if (!wanted.has(r.householdId)) continue;
    const cur = main.get(r.householdId);
    if (!cur) main.set(r.householdId, r);
    else {
      const [a1, a2] = rank(r);
      const [b1, b2] = rank(cur);
      if (a1 < b1 || (a1 === b1 && a2 < b2)) main.set(r.householdId, r);
    }
  }
  const names =
    few || main.size === wanted.size
      ? null
      : await db
          .select({ id: households.id, name: households.name })
          .from(households)
          .where(and(eq(households.companyId, companyId), inArray(households.id, [...ids])));
  for (const id of ids) {
    const m = main.get(id);
    const butler = m?.butler ?? null;
    out.set(id, {
      name: m?.name ?? names?.find((n) => n.id === id)?.name ?? "",
      unitId: m?.unitId ?? null,
      communityId: m?.communityId ?? null,
      butler,
      supervisor: butler == null ? null : (supervisorOf.get(butler) ?? null),
      manager: m?.communityId == null ? null : (managerOf.get(m.communityId) ?? null),
    });
  }
  return out;
}

/** Residents and unpaid months of the households that fire in a batch (both read by index). */
async function batchFacts(db: DbOrTx, companyId: number, asOf: string, cutoff: Date | null, ids: number[]) {
  const [residents, open] = await Promise.all([
    residentsOf(db, companyId, ids),
    unpaidMonthlyBillsAsOf(db, companyId, asOf, cutoff, ids),
  ]);
  const unpaid = new Map<number, NoticeSnapshot["months"]>();
  for (const b of open)
    unpaid.set(b.householdId, [
      ...(unpaid.get(b.householdId) ?? []),
      { period: b.period, dueDate: b.dueDate, owedFen: Number(b.owedFen) },
    ]);
  return { residents, unpaid };
}

async function runBatch(
  db: Db,
  companyId: number,
  asOf: string,
  cutoff: Date | null,
  now: Date,
  batch: Plan[],
  ctx: {
    initialScore: number;
    sla: { acceptMinutes: number; resolveMinutes: number };
    legalUsers: number[];
    people: People;
    holdLetters: boolean;
  },
) {
  const firingIds = batch.filter((p) => p.decision.firings.length).map((p) => p.householdId);
  const facts = {
    people: ctx.people,
    ...(firingIds.length
      ? await batchFacts(db, companyId, asOf, cutoff, firingIds)
      : { residents: new Map<number, number[]>(), unpaid: new Map<number, NoticeSnapshot["months"]>() }),
  };
  const year = Number(asOf.slice(0, 4));
  const out = { households: 0, episodesStarted: 0, episodesEnded: 0, firings: 0, notices: 0, orders: 0, legalCases: 0 };

  await db.transaction(async (tx) => {
    // 1. Episodes: end the ones back at 0, start new ones (a concurrent run's insert wins quietly).
    const ending = batch.filter((p) => p.decision.endEpisode).map((p) => p.householdId);
    if (ending.length) {
      const res = await tx
        .update(arrearsEpisodes)
        .set({ endedOn: asOf })
        .where(
          and(
            eq(arrearsEpisodes.companyId, companyId),
            inArray(arrearsEpisodes.householdId, ending),
            isNull(arrearsEpisodes.endedOn),
          ),
        );
      out.episodesEnded += res.rowsAffected;
    }
    const starting = batch.filter((p) => p.decision.startEpisode);
    if (starting.length) {
      const rows = await tx
        .insert(arrearsEpisodes)
        .values(starting.map((p) => ({ companyId, householdId: p.householdId, startedOn: asOf, createdAt: now })))
        .onConflictDoNothing()
        .returning({ id: arrearsEpisodes.id });
      out.episodesStarted += rows.length;
    }
    const firing = batch.filter((p) => p.decision.firings.length);
    if (!firing.length) return;

    // 2. Firings, against the open episode as it stands inside this transaction.
    const eps = await tx
      .select({ id: arrearsEpisodes.id, householdId: arrearsEpisodes.householdId })
      .from(arrearsEpisodes)
      .where(
        and(
          eq(arrearsEpisodes.companyId, companyId),
          inArray(arrearsEpisodes.householdId, firingIds),
          isNull(arrearsEpisodes.endedOn),
        ),
      );
    const episodeOf = new Map(eps.map((e) => [e.householdId, e.id]));
    const candidates = firing.flatMap((p) => {
      const episodeId = episodeOf.get(p.householdId);
      return episodeId == null ? [] : p.decision.firings.map((f) => ({ plan: p, f, episodeId }));
    });
    if (!candidates.length) return;
    const inserted = await tx
      .insert(ladderFirings)
      .values(
        candidates.map((c) => ({
          companyId,
          householdId: c.plan.householdId,
          episodeId: c.episodeId,
          stepKey: c.f.stepKey,
          occurrence: c.f.occurrence,
          firedOn: asOf,
          months: c.plan.months,
          owedFen: c.plan.owedFen,
          points: c.f.points,
          createdAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning({
        id: ladderFirings.id,
        householdId: ladderFirings.householdId,
        episodeId: ladderFirings.episodeId,
        stepKey: ladderFirings.stepKey,
        occurrence: ladderFirings.occurrence,
      });
    if (!inserted.length) return;
    out.firings += inserted.length;
    const won = inserted
      .map((row) => ({
        row,
        c: candidates.find(
          (c) =>
            c.plan.householdId === row.householdId && c.f.stepKey === row.stepKey && c.f.occurrence === row.occurrence,
        )!,
      }))
      .sort((a, b) => a.row.id - b.row.id);

    // 3. Notice numbers: only now, for the firings this run actually made (gapless).
    const [counter] = await tx.all<{ last: number }>(sql`
      insert into crm_notice_counters (company_id, year, last) values (${companyId}, ${year}, ${won.length})
      on conflict (company_id, year) do update set last = last + ${won.length}
      returning last`);
    const firstSeq = Number(counter.last) - won.length + 1;
    const noticeRows = await tx
      .insert(crmNotices)
      .values(
        won.map(({ row, c }, i) => {
          const months = facts.unpaid.get(row.householdId) ?? [];
          return {
            companyId,
            householdId: row.householdId,
            firingId: row.id,
            kind: c.f.notice,
            year,
            seq: firstSeq + i,
            number: noticeNumber(year, firstSeq + i),
            issuedOn: asOf,
            snapshot: { months, totalFen: months.reduce((s, m) => s + m.owedFen, 0), monthsInArrears: c.plan.months },
            awaitingConfirmation: c.f.legal && ctx.holdLetters,
            createdAt: now,
          };
        }),
      )
      .returning({
        id: crmNotices.id,
        firingId: crmNotices.firingId,
        number: crmNotices.number,
        awaitingConfirmation: crmNotices.awaitingConfirmation,
      });
    out.notices += noticeRows.length;
    const noticeOf = new Map(noticeRows.map((n) => [n.firingId!, n]));

    // 4. The ledger.
    await appendSentimentEntries(
      tx,
      companyId,
      ctx.initialScore,
      won.map(({ row, c }) => {
        const n = noticeOf.get(row.id)!;
        return {
          householdId: row.householdId,
          occurredOn: asOf,
          rule: "arrears",
          step: row.stepKey,
          points: c.f.points,
          sourceType: "crm_notice",
          sourceId: n.id,
          dedupeKey: arrearsDedupeKey(row.householdId, row.episodeId, row.stepKey, row.occurrence),
          messageKey: "arrears",
          params: {
            months: c.plan.months,
            occurrence: row.occurrence,
            owedYuan: fenToYuanText(c.plan.owedFen),
            owedFen: c.plan.owedFen,
            kind: c.f.notice,
            number: n.number,
            noticeId: n.id,
          },
        };
      }),
      now,
    );

    // 5. The residents' inbox and the configured channels — except lawyer's letters waiting for legal's confirmation.
    await deliverNotices(
      tx,
      companyId,
      won
        .filter(({ row }) => !noticeOf.get(row.id)!.awaitingConfirmation)
        .map(({ row, c }) => {
          const n = noticeOf.get(row.id)!;
          return {
            noticeId: n.id,
            number: n.number,
            kind: c.f.notice,
            householdId: row.householdId,
            householdName: facts.people.get(row.householdId)?.name ?? "",
            months: c.plan.months,
            owedFen: c.plan.owedFen,
          };
        }),
      facts.residents,
      now,
    );

    // 6. Work orders: one collection order per firing with recipients, one assignee per role.
    const withOrders = won
      .map(({ row, c }) => {
        const person = facts.people.get(row.householdId);
        const targets: { userId: number; role: AssigneeRole }[] = [];
        for (const role of c.f.recipients) {
          const userId =
            role === "butler"
              ? person?.butler
              : role === "supervisor"
                ? person?.supervisor
                : role === "project_manager"
                  ? person?.manager
                  : null;
          if (userId != null && !targets.some((t) => t.userId === userId)) targets.push({ userId, role });
        }
        return { row, c, person, targets, notice: noticeOf.get(row.id)! };
      })
      .filter((x) => x.c.f.recipients.length > 0 && x.c.f.task);
    if (withOrders.length) {
      const d = slaDeadlines(now, ctx.sla);
      const orders = await tx
        .insert(workOrders)
        .values(
          withOrders.map((x) => {
            const text = collectionOrderText({
              task: x.c.f.task!,
              kind: x.c.f.notice,
              householdName: x.person?.name ?? "",
              months: x.c.plan.months,
              owedFen: x.c.plan.owedFen,
              number: x.notice.number,
            });
            return {
              companyId,
              type: "collection" as const,
              source: "system" as const,
              householdId: x.row.householdId,
              unitId: x.person?.unitId ?? null,
              communityId: x.person?.communityId ?? null,
              title: text.title,
              description: text.description,
              status: x.targets.length ? ("assigned" as const) : ("submitted" as const),
              severity: "normal" as const,
              acceptDueAt: x.targets.length ? d.acceptDueAt : null,
              resolveDueAt: x.targets.length ? d.resolveDueAt : null,
              createdByUserId: null,
              createdAt: now,
              updatedAt: now,
            };
          }),
        )
        .returning({ id: workOrders.id, householdId: workOrders.householdId });
      out.orders += orders.length;
      // A household fires at most one step per run, so the household identifies its order.
      const orderOf = new Map(orders.map((o) => [o.householdId!, o.id]));
      const events: (typeof workOrderEvents.$inferInsert)[] = [];
      const assignees: (typeof workOrderAssignees.$inferInsert)[] = [];
      const links: (typeof ladderFiringOrders.$inferInsert)[] = [];
      const dispatched: (typeof notifications.$inferInsert)[] = [];
      for (const x of withOrders) {
        const orderId = orderOf.get(x.row.householdId)!;
        links.push({ companyId, firingId: x.row.id, workOrderId: orderId });
        events.push({
          companyId,
          workOrderId: orderId,
          actorUserId: null,
          action: "submit",
          fromStatus: null,
          toStatus: "submitted",
          note: "system",
          at: now,
        });
        if (x.targets.length) {
          events.push({
            companyId,
            workOrderId: orderId,
            actorUserId: null,
            action: "dispatch",
            fromStatus: "submitted",
            toStatus: "assigned",
            note: null,
            at: now,
          });
          for (const t of x.targets) {
            assignees.push({ companyId, workOrderId: orderId, userId: t.userId, role: t.role, assignedAt: now });
            dispatched.push({
              companyId,
              userId: t.userId,
              kind: "order.dispatched",
              payload: { orderId, type: "collection" },
              href: staffOrderHref(orderId),
              createdAt: now,
            });
          }
        } else {
          events.push({
            companyId,
            workOrderId: orderId,
            actorUserId: null,
            action: "dispatch_failed",
            fromStatus: "submitted",
            toStatus: "submitted",
            note: null,
            at: now,
          });
        }
      }
      for (const part of chunk(events, 400)) await tx.insert(workOrderEvents).values(part);
      for (const part of chunk(assignees, 400)) await tx.insert(workOrderAssignees).values(part);
      for (const part of chunk(links, 400)) await tx.insert(ladderFiringOrders).values(part);
      for (const part of chunk(dispatched, 400)) await tx.insert(notifications).values(part);
    }

    // 7. The legal step: a case per household and episode, and the legal department's inbox.
    const legal = won.filter(({ c }) => c.f.legal);
    if (legal.length) {
      const cases = await tx
        .insert(legalCases)
        .values(
          legal.map(({ row }) => ({
            companyId,
            householdId: row.householdId,
            episodeId: row.episodeId,
            firingId: row.id,
            openedOn: asOf,
            status: "letter_sent" as const,
            updatedAt: now,
            createdAt: now,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: legalCases.id, householdId: legalCases.householdId });
      out.legalCases += cases.length;
      if (cases.length) {
        await tx.insert(legalCaseEvents).values(
          cases.map((k) => ({
            companyId,
            caseId: k.id,
            action: "open",
            fromStatus: null,
            toStatus: "letter_sent" as const,
            actorUserId: null,
            note: noticeOf.get(legal.find((l) => l.row.householdId === k.householdId)!.row.id)?.number ?? null,
            at: now,
          })),
        );
        const msgs = cases.flatMap((k) => {
          const l = legal.find((x) => x.row.householdId === k.householdId)!;
          return ctx.legalUsers.map((userId) => ({
            companyId,
            userId,
            kind: "arrears.legal_case",
            payload: {
              caseId: k.id,
              householdName: facts.people.get(k.householdId)?.name ?? "",
              months: l.c.plan.months,
            },
            href: legalCaseHref(k.id),
            createdAt: now,
          }));
        });
        for (const part of chunk(msgs, 400)) await tx.insert(notifications).values(part);
      }
    }
  });
  return out;
}
