import { and, desc, eq } from "drizzle-orm";
import { crmNotices, crmSettings, households, legalCaseEvents, legalCases } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { householdPlacementSubquery } from "@/lib/registry/queries";
import { loadRegistryView, visibleHouseholds, type Viewer } from "@/lib/registry/view";
import { deliverNotices, legalConfirmationOn, residentsOf } from "../notices/delivery";

/**
 * Legal's confirmation of the 13-month lawyer's letter (SPEC §12). With the company's setting on
 * (the default) the ladder prepares the case and the letter but keeps the letter from the
 * resident (no inbox entry, no message, not visible) until a legal staff member confirms it here.
 * Confirming is idempotent: only the call that flips the flag sends; a second click sends nothing.
 */

/** Lawyer's letters waiting for confirmation that the viewer may see, oldest first. */
export async function lettersAwaitingConfirmation(db: DbOrTx, companyId: number, viewer: Viewer) {
  const view = await loadRegistryView(db, companyId, viewer);
  const p = householdPlacementSubquery(db, companyId);
  return db
    .select({
      id: crmNotices.id,
      number: crmNotices.number,
      issuedOn: crmNotices.issuedOn,
      snapshot: crmNotices.snapshot,
      householdId: crmNotices.householdId,
      householdName: households.name,
      caseId: legalCases.id,
    })
    .from(crmNotices)
    .innerJoin(households, and(eq(households.id, crmNotices.householdId), eq(households.companyId, companyId)))
    .leftJoin(legalCases, and(eq(legalCases.firingId, crmNotices.firingId), eq(legalCases.companyId, companyId)))
    .leftJoin(p, eq(p.householdId, crmNotices.householdId))
    .where(
      and(eq(crmNotices.companyId, companyId), eq(crmNotices.awaitingConfirmation, true), visibleHouseholds(view, p)),
    )
    .orderBy(desc(crmNotices.issuedOn), desc(crmNotices.id))
    .limit(500);
}

export interface LetterActor {
  companyId: number;
  userId: number;
}

/** The "letter confirmed" entry on the timeline of the legal case the letter's firing opened, if any. */
async function noteLetterOnCase(tx: DbOrTx, actor: LetterActor, firingId: number, number: string, now: Date) {
  const [c] = await tx
    .select({ id: legalCases.id, status: legalCases.status })
    .from(legalCases)
    .where(and(eq(legalCases.companyId, actor.companyId), eq(legalCases.firingId, firingId)));
  if (!c) return;
  await tx.insert(legalCaseEvents).values({
    companyId: actor.companyId,
    caseId: c.id,
    action: "letter_confirmed",
    fromStatus: c.status,
    toStatus: c.status,
    actorUserId: actor.userId,
    note: number,
    at: now,
  });
}

/** Sends a withheld letter to the household's residents (inbox + outbox), audited, with a case timeline entry. */
export async function confirmLetter(db: Db, actor: LetterActor, input: { id: number }, now = new Date()) {
  return db.transaction(async (tx) => {
    const [n] = await tx
      .select({
        id: crmNotices.id,
        number: crmNotices.number,
        kind: crmNotices.kind,
        householdId: crmNotices.householdId,
        householdName: households.name,
        snapshot: crmNotices.snapshot,
        firingId: crmNotices.firingId,
        awaiting: crmNotices.awaitingConfirmation,
      })
      .from(crmNotices)
      .innerJoin(households, eq(households.id, crmNotices.householdId))
      .where(
        and(
          eq(crmNotices.companyId, actor.companyId),
          eq(crmNotices.id, input.id),
          eq(crmNotices.kind, "lawyer_letter"),
        ),
      );
    if (!n) throw new AppError("not_found");
    if (!n.awaiting) return { id: n.id, sent: false };
    const res = await tx
      .update(crmNotices)
      .set({ awaitingConfirmation: false, confirmedAt: now, confirmedByUserId: actor.userId })
      .where(
        and(
          eq(crmNotices.companyId, actor.companyId),
          eq(crmNotices.id, n.id),
          eq(crmNotices.awaitingConfirmation, true),
        ),
      );
    if (res.rowsAffected !== 1) return { id: n.id, sent: false };
    const residents = await residentsOf(tx, actor.companyId, [n.householdId]);
    await deliverNotices(
      tx,
      actor.companyId,
      [
        {
          noticeId: n.id,
          number: n.number,
          kind: n.kind,
          householdId: n.householdId,
          householdName: n.householdName,
          months: n.snapshot.monthsInArrears,
          owedFen: n.snapshot.totalFen,
        },
      ],
      residents,
      now,
    );
    if (n.firingId != null) await noteLetterOnCase(tx, actor, n.firingId, n.number, now);
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "lawyer_letter.confirm",
      entity: "crm_notice",
      entityId: n.id,
      before: { awaitingConfirmation: true },
      after: { awaitingConfirmation: false, recipients: residents.get(n.householdId)?.length ?? 0 },
    });
    return { id: n.id, sent: true };
  });
}

/** Turns the company's letter confirmation on or off (audited, before/after). */
export async function saveLegalConfirmation(db: Db, actor: LetterActor, on: boolean, now = new Date()) {
  return db.transaction(async (tx) => {
    const before = await legalConfirmationOn(tx, actor.companyId);
    await tx
      .insert(crmSettings)
      .values({ companyId: actor.companyId, legalConfirmation: on, updatedAt: now })
      .onConflictDoUpdate({ target: crmSettings.companyId, set: { legalConfirmation: on, updatedAt: now } });
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "crm_settings.update",
      entity: "crm_settings",
      entityId: actor.companyId,
      before: { legalConfirmation: before },
      after: { legalConfirmation: on },
    });
    return null;
  });
}
