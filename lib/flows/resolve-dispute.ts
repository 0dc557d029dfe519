import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { crmDisputes, crmNotices, notifications, sentimentEntries, users } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Role } from "@/lib/auth/roles";
import { writeAudit } from "@/lib/audit/commands";
import { adjustBillTx } from "@/lib/billing/corrections";
import { staffDispute } from "@/lib/crm/disputes/queries";
import type { resolveDisputeSchema } from "@/lib/crm/disputes/schemas";
import { appendSentimentEntries } from "@/lib/crm/ledger/write";
import { residentsOf } from "@/lib/crm/notices/delivery";
import { publishedRules } from "@/lib/crm/ledger/read";
import type { Db, DbOrTx } from "@/lib/db/client";
import { enqueueForUser } from "@/lib/outbox/enqueue";
import { companyTimeZone } from "@/lib/tenancy/queries";
import { localDate } from "@/lib/time/zone";
import { env } from "@/lib/env";

/**
 * Staff resolve a resident's dispute (SPEC §12), in one transaction spanning CRM and billing:
 * - upheld: corrections as new entries with the reason and the actor — for a notice, a sentiment
 *   entry reversing the notice's points; for a bill, optionally a discount through billing's own
 *   adjustment path;
 * - rejected: the reason is kept and shown to the resident.
 * Either way: audited, the household's residents notified (inbox + outbox), and the ladder's
 * pause lifts (the next daily run fires the step then due, once). Resolving twice is refused.
 */

export interface StaffActor {
  companyId: number;
  userId: number;
  roles: readonly Role[];
}

export const residentDisputesHref = "/disputes";

/** The sentiment entry reversing the disputed notice's points (none when the notice had no entry). */
async function reverseNoticePoints(
  tx: DbOrTx,
  actor: StaffActor,
  d: { id: number; householdId: number; noticeId: number },
  reason: string,
  today: string,
  now: Date,
) {
  const [entry] = await tx
    .select({ points: sentimentEntries.points })
    .from(sentimentEntries)
    .where(
      and(
        eq(sentimentEntries.companyId, actor.companyId),
        eq(sentimentEntries.sourceType, "crm_notice"),
        eq(sentimentEntries.sourceId, d.noticeId),
      ),
    );
  const [notice] = await tx
    .select({ number: crmNotices.number })
    .from(crmNotices)
    .where(and(eq(crmNotices.companyId, actor.companyId), eq(crmNotices.id, d.noticeId)));
  if (!entry || entry.points === 0) return null;
  const rules = await publishedRules(tx, actor.companyId);
  const [written] = await appendSentimentEntries(
    tx,
    actor.companyId,
    rules.initialScore,
    [
      {
        householdId: d.householdId,
        occurredOn: today,
        rule: "correction",
        step: "dispute",
        points: -entry.points,
        sourceType: "crm_dispute",
        sourceId: d.id,
        dedupeKey: `dispute:${d.id}`,
        messageKey: "disputeUpheld",
        params: { points: -entry.points, number: notice?.number ?? "", disputeId: d.id },
        reason,
        actorUserId: actor.userId,
      },
    ],
    now,
  );
  return written?.id ?? null;
}

async function notifyResidents(
  tx: DbOrTx,
  companyId: number,
  d: { id: number; householdId: number; ref: string },
  outcome: "upheld" | "rejected",
  reason: string,
  now: Date,
) {
  const residents = (await residentsOf(tx, companyId, [d.householdId])).get(d.householdId) ?? [];
  if (!residents.length) return;
  await tx.insert(notifications).values(
    residents.map((userId) => ({
      companyId,
      userId,
      kind: `dispute.${outcome}`,
      payload: { disputeId: d.id, ref: d.ref },
      href: residentDisputesHref,
      createdAt: now,
    })),
  );
  const base = (env.NEXTAUTH_URL ?? "").replace(/\/$/, "");
  for (const userId of residents) {
    const [contact] = await tx
      .select({ email: users.email, phone: users.phone, locale: users.locale })
      .from(users)
      .where(eq(users.id, userId));
    if (!contact) continue;
    const templateKey = outcome === "upheld" ? "disputeUpheld" : "disputeRejected";
    await enqueueForUser(
      tx,
      contact,
      {
        companyId,
        templateKey,
        params: { ref: d.ref, reason, link: `${base}${residentDisputesHref}` },
        idempotencyKey: `crm-dispute:${d.id}:${userId}`,
      },
      now,
    );
  }
}

export async function resolveDispute(
  db: Db,
  actor: StaffActor,
  input: z.output<typeof resolveDisputeSchema>,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const d = await staffDispute(tx, actor.companyId, actor, input.id);
    if (!d) throw new AppError("not_found");
    if (d.status !== "open") throw new AppError("conflict", "arrears.disputes.errors.resolved");
    if (input.discount != null && d.subject !== "bill")
      throw AppError.field("discount", "arrears.disputes.errors.discountOnlyBill");
    const today = localDate(now, await companyTimeZone(tx, actor.companyId));
    const res = await tx
      .update(crmDisputes)
      .set({
        status: input.outcome,
        resolution: input.reason,
        resolvedByUserId: actor.userId,
        resolvedOn: today,
        resolvedAt: now,
      })
      .where(and(eq(crmDisputes.companyId, actor.companyId), eq(crmDisputes.id, d.id), eq(crmDisputes.status, "open")));
    if (res.rowsAffected !== 1) throw new AppError("conflict", "arrears.disputes.errors.resolved");
    let sentimentEntryId: number | null = null;
    let billingCorrectionId: number | null = null;
    if (input.outcome === "upheld") {
      if (d.noticeId != null)
        sentimentEntryId = await reverseNoticePoints(
          tx,
          actor,
          { id: d.id, householdId: d.householdId, noticeId: d.noticeId },
          input.reason,
          today,
          now,
        );
      if (d.billId != null && input.discount != null)
        billingCorrectionId = (
          await adjustBillTx(tx, actor, { billId: d.billId, amountFen: -input.discount, reason: input.reason }, now)
        ).id;
      if (sentimentEntryId != null || billingCorrectionId != null)
        await tx
          .update(crmDisputes)
          .set({ sentimentEntryId, billingCorrectionId })
          .where(and(eq(crmDisputes.companyId, actor.companyId), eq(crmDisputes.id, d.id)));
    }
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: `dispute.${input.outcome}`,
      entity: "crm_dispute",
      entityId: d.id,
      before: { status: "open" },
      after: {
        status: input.outcome,
        reason: input.reason,
        discountFen: input.discount ?? null,
        sentimentEntryId,
        billingCorrectionId,
      },
    });
    await notifyResidents(
      tx,
      actor.companyId,
      { id: d.id, householdId: d.householdId, ref: d.noticeNumber ?? d.billPeriod ?? "" },
      input.outcome,
      input.reason,
      now,
    );
    return { id: d.id, sentimentEntryId, billingCorrectionId };
  });
}
