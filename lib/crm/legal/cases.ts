import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { bills, crmNotices, households, legalCaseEvents, legalCases, users, workOrders } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import { loadRegistryView, visibleHouseholds, type Viewer } from "@/lib/registry/view";
import { placeHousehold } from "@/lib/tickets/placement";
import { createOrderTx } from "@/lib/tickets/create";
import { legalFollowUpText } from "../arrears/text";
import type { followUpSchema, moveCaseSchema } from "../arrears/schemas";
import { OPEN_STATUSES } from "@/lib/tickets/rules";
import { canMoveLegalCase, LEGAL_CASE_STATUSES, LEGAL_TRANSITIONS, type LegalCaseStatus } from "../rules/arrears";

export { LEGAL_EDIT_ROLES, LEGAL_VIEW_ROLES } from "../arrears/access";

async function scope(db: DbOrTx, companyId: number, viewer: Viewer) {
  const view = await loadRegistryView(db, companyId, viewer);
  const p = householdPlacementSubquery(db, companyId);
  return { p, visible: visibleHouseholds(view, p) };
}

/** Cases the viewer may see (optionally one status), newest first, and the count per status. */
export async function listLegalCases(db: DbOrTx, companyId: number, viewer: Viewer, status?: LegalCaseStatus) {
  const { p, visible } = await scope(db, companyId, viewer);
  const base = and(eq(legalCases.companyId, companyId), visible);
  const [rows, counts] = await Promise.all([
    db
      .select({
        id: legalCases.id,
        status: legalCases.status,
        openedOn: legalCases.openedOn,
        householdId: legalCases.householdId,
        householdName: households.name,
      })
      .from(legalCases)
      .innerJoin(households, and(eq(households.id, legalCases.householdId), eq(households.companyId, companyId)))
      .leftJoin(p, eq(p.householdId, legalCases.householdId))
      .where(and(base, status ? eq(legalCases.status, status) : undefined))
      .orderBy(desc(legalCases.openedOn), desc(legalCases.id))
      .limit(500),
    db
      .select({ status: legalCases.status, n: count() })
      .from(legalCases)
      .leftJoin(p, eq(p.householdId, legalCases.householdId))
      .where(base)
      .groupBy(legalCases.status),
  ]);
  const byStatus = Object.fromEntries(LEGAL_CASE_STATUSES.map((s) => [s, 0])) as Record<LegalCaseStatus, number>;
  for (const c of counts) byStatus[c.status] = c.n;
  return { rows, byStatus };
}

/** One case with its household, what is owed today, the household's notices and the timeline; null when not visible. */
export async function legalCaseDetail(db: DbOrTx, companyId: number, viewer: Viewer, id: number, today: string) {
  const { p, visible } = await scope(db, companyId, viewer);
  const [c] = await db
    .select({
      id: legalCases.id,
      status: legalCases.status,
      openedOn: legalCases.openedOn,
      householdId: legalCases.householdId,
      householdName: households.name,
      householdCode: households.code,
    })
    .from(legalCases)
    .innerJoin(households, and(eq(households.id, legalCases.householdId), eq(households.companyId, companyId)))
    .leftJoin(p, eq(p.householdId, legalCases.householdId))
    .where(and(eq(legalCases.companyId, companyId), eq(legalCases.id, id), visible));
  if (!c) return null;
  const [owed, notices, events] = await Promise.all([
    db
      .select({
        period: bills.period,
        dueDate: bills.dueDate,
        owedFen: sql<number>`${bills.linesFen} + ${bills.adjustmentFen} - ${bills.allocatedFen}`,
      })
      .from(bills)
      .where(
        and(
          eq(bills.companyId, companyId),
          eq(bills.householdId, c.householdId),
          eq(bills.kind, "monthly"),
          sql`${bills.voided} = 0 and ${bills.allocatedFen} < ${bills.linesFen} + ${bills.adjustmentFen} and ${bills.dueDate} < ${today}`,
        ),
      )
      .orderBy(asc(bills.period)),
    db
      .select({
        id: crmNotices.id,
        number: crmNotices.number,
        kind: crmNotices.kind,
        issuedOn: crmNotices.issuedOn,
        awaitingConfirmation: crmNotices.awaitingConfirmation,
      })
      .from(crmNotices)
      .where(and(eq(crmNotices.companyId, companyId), eq(crmNotices.householdId, c.householdId)))
      .orderBy(asc(crmNotices.issuedOn), asc(crmNotices.id)),
    db
      .select({
        id: legalCaseEvents.id,
        action: legalCaseEvents.action,
        fromStatus: legalCaseEvents.fromStatus,
        toStatus: legalCaseEvents.toStatus,
        note: legalCaseEvents.note,
        at: legalCaseEvents.at,
        workOrderId: legalCaseEvents.workOrderId,
        actorName: users.name,
      })
      .from(legalCaseEvents)
      .leftJoin(users, eq(users.id, legalCaseEvents.actorUserId))
      .where(and(eq(legalCaseEvents.companyId, companyId), eq(legalCaseEvents.caseId, c.id)))
      .orderBy(asc(legalCaseEvents.at), asc(legalCaseEvents.id)),
  ]);
  const months = owed.map((o) => ({ ...o, owedFen: Number(o.owedFen) }));
  return { ...c, owed: months, owedFen: months.reduce((s, m) => s + m.owedFen, 0), notices, events };
}

export interface LegalActor extends Viewer {
  companyId: number;
}

async function loadVisibleCase(tx: DbOrTx, actor: LegalActor, id: number) {
  const { p, visible } = await scope(tx, actor.companyId, actor);
  const [c] = await tx
    .select({
      id: legalCases.id,
      status: legalCases.status,
      householdId: legalCases.householdId,
      householdName: households.name,
    })
    .from(legalCases)
    .innerJoin(households, eq(households.id, legalCases.householdId))
    .leftJoin(p, eq(p.householdId, legalCases.householdId))
    .where(and(eq(legalCases.companyId, actor.companyId), eq(legalCases.id, id), visible));
  if (!c) throw new AppError("not_found");
  return c;
}

/** Moves a case along (server-checked transition), with a note; timeline + audit. */
export async function moveLegalCase(
  db: Db,
  actor: LegalActor,
  input: z.output<typeof moveCaseSchema>,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const c = await loadVisibleCase(tx, actor, input.id);
    if (!canMoveLegalCase(c.status, input.to)) throw AppError.field("to", "arrears.legal.errors.illegalTransition");
    const res = await tx
      .update(legalCases)
      .set({ status: input.to, updatedAt: now })
      .where(and(eq(legalCases.id, c.id), eq(legalCases.companyId, actor.companyId), eq(legalCases.status, c.status)));
    if (res.rowsAffected !== 1) throw new AppError("conflict", "arrears.legal.errors.changedMeanwhile");
    await tx.insert(legalCaseEvents).values({
      companyId: actor.companyId,
      caseId: c.id,
      action: "move",
      fromStatus: c.status,
      toStatus: input.to,
      actorUserId: actor.userId,
      note: input.note,
      at: now,
    });
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "legal_case.move",
      entity: "crm_legal_case",
      entityId: c.id,
      before: { status: c.status },
      after: { status: input.to, note: input.note },
    });
    return { id: c.id };
  });
}

/** A follow-up collection order for the household (dispatched to its butler), linked in the timeline. */
export async function createLegalFollowUp(
  db: Db,
  actor: LegalActor,
  input: z.output<typeof followUpSchema>,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const c = await loadVisibleCase(tx, actor, input.id);
    const place = await placeHousehold(tx, actor.companyId, c.householdId);
    const text = legalFollowUpText(c.householdName, input.note);
    const order = await createOrderTx(
      tx,
      { companyId: actor.companyId, userId: actor.userId },
      {
        type: "collection",
        source: "staff",
        householdId: c.householdId,
        unitId: place.unitId,
        communityId: place.communityId,
        title: text.title,
        description: text.description,
        text: text.text,
      },
      now,
    );
    await tx.insert(legalCaseEvents).values({
      companyId: actor.companyId,
      caseId: c.id,
      action: "follow_up",
      fromStatus: c.status,
      toStatus: c.status,
      actorUserId: actor.userId,
      note: input.note,
      workOrderId: order.id,
      at: now,
    });
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "legal_case.follow_up",
      entity: "crm_legal_case",
      entityId: c.id,
      after: { workOrderId: order.id, note: input.note },
    });
    return { id: order.id };
  });
}

/** Case ids of a company among the given ones (tests). */
export async function legalCaseIds(db: DbOrTx, companyId: number, householdIds: number[]) {
  if (!householdIds.length) return [];
  const rows = await db
    .select({ id: legalCases.id })
    .from(legalCases)
    .where(and(eq(legalCases.companyId, companyId), inArray(legalCases.householdId, householdIds)));
  return rows.map((r) => r.id);
}

/**
 * The viewer's open cases with each case's next deadline — the earliest accept/resolve deadline
 * of its open follow-up orders (null when none is open) — soonest first, cases without one last.
 */
export async function openCasesByDeadline(db: DbOrTx, companyId: number, viewer: Viewer, now = new Date(), limit = 10) {
  const { p, visible } = await scope(db, companyId, viewer);
  const open = LEGAL_CASE_STATUSES.filter((s) => LEGAL_TRANSITIONS[s].length > 0);
  const next = sql<number | null>`(
    select min(case when ${workOrders.status} = 'assigned' and ${workOrders.acceptDueAt} < ${workOrders.resolveDueAt}
                    then ${workOrders.acceptDueAt} else ${workOrders.resolveDueAt} end)
      from ${legalCaseEvents} join ${workOrders} on ${workOrders.id} = ${legalCaseEvents.workOrderId}
     where ${legalCaseEvents.caseId} = ${legalCases.id} and ${legalCaseEvents.companyId} = ${companyId}
       and ${workOrders.companyId} = ${companyId} and ${inArray(workOrders.status, [...OPEN_STATUSES])})`;
  const rows = await db
    .select({
      id: legalCases.id,
      status: legalCases.status,
      householdName: households.name,
      nextDeadline: next,
    })
    .from(legalCases)
    .innerJoin(households, and(eq(households.id, legalCases.householdId), eq(households.companyId, companyId)))
    .leftJoin(p, eq(p.householdId, legalCases.householdId))
    .where(and(eq(legalCases.companyId, companyId), inArray(legalCases.status, open), visible))
    .orderBy(sql`${next} is null`, asc(next), asc(legalCases.id))
    .limit(limit);
  return rows.map((r) => {
    const nextDeadline = r.nextDeadline === null ? null : new Date(Number(r.nextDeadline));
    return { ...r, nextDeadline, overdue: nextDeadline !== null && nextDeadline < now };
  });
}
