import { sql } from "drizzle-orm";
import { crmNotices, ladderFiringOrders, legalCaseEvents, legalCases, notifications } from "@/db/schema";
import { fenToYuanText } from "@/lib/billing/rules";
import type { DbOrTx } from "@/lib/db/client";
import { createOrdersTx } from "@/lib/tickets/create";
import type { Target } from "@/lib/tickets/dispatch";
import { appendSentimentEntries } from "../ledger/write";
import { arrearsDedupeKey, noticeNumber, type ArrearsFiring } from "../rules/arrears";
import type { People } from "./people";
import { collectionOrderText } from "./text";
import type { ChunkContext, Notice, Won } from "./types";

/** The effects of the firings a chunk inserted: notices, ledger entries, collection orders, legal cases. */

export const legalCaseHref = (id: number) => `/staff/legal/${id}`;

/** Notice numbers only now, for the firings this run actually made (gapless: the counter moves in this transaction). */
export async function issueNotices(tx: DbOrTx, ctx: ChunkContext, won: readonly Won[]): Promise<Map<number, Notice>> {
  const { companyId, asOf, now } = ctx;
  const year = Number(asOf.slice(0, 4));
  const [counter] = await tx.all<{ last: number }>(sql`
      insert into crm_notice_counters (company_id, year, last) values (${companyId}, ${year}, ${won.length})
      on conflict (company_id, year) do update set last = last + ${won.length}
      returning last`);
  const firstSeq = Number(counter.last) - won.length + 1;
  const rows = await tx
    .insert(crmNotices)
    .values(
      won.map(({ row, plan, f }, i) => {
        const months = ctx.unpaid.get(row.householdId) ?? [];
        return {
          companyId,
          householdId: row.householdId,
          firingId: row.id,
          kind: f.notice,
          year,
          seq: firstSeq + i,
          number: noticeNumber(year, firstSeq + i),
          issuedOn: asOf,
          snapshot: { months, totalFen: months.reduce((s, m) => s + m.owedFen, 0), monthsInArrears: plan.months },
          awaitingConfirmation: f.legal && ctx.holdLetters,
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
  return new Map(rows.map((n) => [n.firingId!, n]));
}

/** One sentiment-ledger entry per firing, linked to its notice. */
export async function recordLedger(tx: DbOrTx, ctx: ChunkContext, won: readonly Won[], noticeOf: Map<number, Notice>) {
  await appendSentimentEntries(
    tx,
    ctx.companyId,
    ctx.initialScore,
    won.map(({ row, plan, f }) => {
      const n = noticeOf.get(row.id)!;
      return {
        householdId: row.householdId,
        occurredOn: ctx.asOf,
        rule: "arrears",
        step: row.stepKey,
        points: f.points,
        sourceType: "crm_notice",
        sourceId: n.id,
        dedupeKey: arrearsDedupeKey(row.householdId, row.episodeId, row.stepKey, row.occurrence),
        messageKey: "arrears",
        params: {
          months: plan.months,
          occurrence: row.occurrence,
          owedYuan: fenToYuanText(plan.owedFen),
          owedFen: plan.owedFen,
          kind: f.notice,
          number: n.number,
          noticeId: n.id,
        },
      };
    }),
    ctx.now,
  );
}

/** The step's recipients as order assignees: one per role, each person once. */
function collectionTargets(f: ArrearsFiring, person: ReturnType<People["get"]>): Target[] {
  const targets: Target[] = [];
  for (const role of f.recipients) {
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
  return targets;
}

/** One collection work order per firing whose step has recipients and a task, through the tickets' one writer. */
export async function collectionOrders(
  tx: DbOrTx,
  ctx: ChunkContext,
  won: readonly Won[],
  noticeOf: Map<number, Notice>,
) {
  const withOrders = won.filter(({ f }) => f.recipients.length > 0 && f.task);
  if (!withOrders.length) return 0;
  const ids = await createOrdersTx(
    tx,
    ctx.companyId,
    withOrders.map(({ row, plan, f }) => {
      const person = ctx.people.get(row.householdId);
      const text = collectionOrderText({
        task: f.task!,
        kind: f.notice,
        householdName: person?.name ?? "",
        months: plan.months,
        owedFen: plan.owedFen,
        number: noticeOf.get(row.id)!.number,
      });
      return {
        type: "collection" as const,
        source: "system" as const,
        householdId: row.householdId,
        unitId: person?.unitId ?? null,
        communityId: person?.communityId ?? null,
        title: text.title,
        description: text.description,
        text: text.text,
        assignees: collectionTargets(f, person),
      };
    }),
    ctx.now,
    { actorUserId: null },
  );
  await tx
    .insert(ladderFiringOrders)
    .values(withOrders.map(({ row }, i) => ({ companyId: ctx.companyId, firingId: row.id, workOrderId: ids[i] })));
  return ids.length;
}

/** The legal step: a case per household and episode, its "open" event, and the legal department's inbox. */
export async function openLegalCases(
  tx: DbOrTx,
  ctx: ChunkContext,
  won: readonly Won[],
  noticeOf: Map<number, Notice>,
) {
  const { companyId, asOf, now } = ctx;
  const legal = won.filter(({ f }) => f.legal);
  if (!legal.length) return 0;
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
  if (!cases.length) return 0;
  const firingOf = (householdId: number) => legal.find((l) => l.row.householdId === householdId)!;
  await tx.insert(legalCaseEvents).values(
    cases.map((k) => ({
      companyId,
      caseId: k.id,
      action: "open",
      fromStatus: null,
      toStatus: "letter_sent" as const,
      actorUserId: null,
      note: noticeOf.get(firingOf(k.householdId).row.id)?.number ?? null,
      at: now,
    })),
  );
  const msgs = cases.flatMap((k) =>
    ctx.legalUsers.map((userId) => ({
      companyId,
      userId,
      kind: "arrears.legal_case",
      payload: {
        caseId: k.id,
        householdName: ctx.people.get(k.householdId)?.name ?? "",
        months: firingOf(k.householdId).plan.months,
      },
      href: legalCaseHref(k.id),
      createdAt: now,
    })),
  );
  for (let i = 0; i < msgs.length; i += 400) await tx.insert(notifications).values(msgs.slice(i, i + 400));
  return cases.length;
}
