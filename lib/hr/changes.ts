import { and, asc, desc, eq, isNull, lte, ne, sql } from "drizzle-orm";
import { communities, memberships, personnelChanges, staffRecords, users } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import { isRole } from "@/lib/auth/roles";
import type { Db, DbOrTx } from "@/lib/db/client";
import { handOverButlerWork } from "./handover";
import { activeStaff, holdsRole } from "./staff-conditions";
import type { PersonnelChangeInput } from "./schemas";
import type { Actor } from "@/lib/auth/actor";

type Change = typeof personnelChanges.$inferSelect;

/**
 * Personnel changes: recorded with a date and a reason, applied on the effective date by
 * applyDueChanges (the daily cron; HR's "record" applies one dated today or earlier at once).
 */
export async function recordPersonnelChange(db: Db, actor: Actor, input: PersonnelChangeInput, today: string) {
  const [record] = await db
    .select({ hireDate: staffRecords.hireDate, status: staffRecords.status })
    .from(staffRecords)
    .where(and(eq(staffRecords.companyId, actor.companyId), eq(staffRecords.userId, input.userId)));
  if (!record) throw new AppError("not_found");
  if (input.effectiveDate < record.hireDate) throw AppError.field("effectiveDate", "hr.validation.beforeHire");
  if (record.status === "exited") throw AppError.field("kind", "hr.validation.alreadyExited", "conflict");
  if (input.toCommunityId !== null) {
    const [c] = await db
      .select({ id: communities.id })
      .from(communities)
      .where(and(eq(communities.companyId, actor.companyId), eq(communities.id, input.toCommunityId)));
    if (!c) throw AppError.field("toCommunityId", "validation.required", "not_found");
  }
  if (input.successorUserId !== null) {
    const [person] = await db
      .select({ communityId: staffRecords.communityId })
      .from(staffRecords)
      .where(and(eq(staffRecords.companyId, actor.companyId), eq(staffRecords.userId, input.userId)));
    const ok =
      person?.communityId != null &&
      (await successorsFor(db, actor.companyId, input.userId, person.communityId)).some(
        (s) => s.id === input.successorUserId,
      );
    if (!ok) throw AppError.field("successorUserId", "hr.validation.successorInvalid");
  }
  if (input.kind === "role_change" && input.fromRole) {
    const [held] = await db
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(
          eq(memberships.companyId, actor.companyId),
          eq(memberships.userId, input.userId),
          eq(memberships.role, input.fromRole),
        ),
      );
    if (!held) throw AppError.field("fromRole", "hr.validation.roleNotHeld");
  }
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(personnelChanges)
      .values({ companyId: actor.companyId, createdBy: actor.userId, ...input })
      .returning();
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "personnel_change.record",
      entity: "personnel_change",
      entityId: created.id,
      after: input,
    });
    return created;
  });
  if (input.effectiveDate <= today) await applyDueChanges(db, actor.companyId, today);
  return row;
}

/**
 * Applies every unapplied change of the company dated `asOf` (YYYY-MM-DD) or earlier, oldest
 * first. Each change is claimed by setting `appliedAt` where it is still null, in the same
 * transaction as its effects, so a second run (or a concurrent one) applies nothing twice.
 */
export async function applyDueChanges(db: Db, companyId: number, asOf: string, now = new Date()): Promise<number> {
  const due = await db
    .select()
    .from(personnelChanges)
    .where(
      and(
        eq(personnelChanges.companyId, companyId),
        isNull(personnelChanges.appliedAt),
        lte(personnelChanges.effectiveDate, asOf),
      ),
    )
    .orderBy(asc(personnelChanges.effectiveDate), asc(personnelChanges.id));
  let applied = 0;
  for (const c of due) {
    const done = await db.transaction((tx) => applyChangeTx(tx, companyId, c, now));
    if (done) applied++;
  }
  return applied;
}

/** Claims one change (appliedAt still null) and applies it; false when another run had claimed it. */
async function applyChangeTx(tx: DbOrTx, companyId: number, c: Change, now: Date): Promise<boolean> {
  const claimed = await tx
    .update(personnelChanges)
    .set({ appliedAt: now })
    .where(
      and(eq(personnelChanges.id, c.id), eq(personnelChanges.companyId, companyId), isNull(personnelChanges.appliedAt)),
    )
    .returning({ id: personnelChanges.id });
  if (claimed.length === 0) return false;
  const rec = and(eq(staffRecords.companyId, companyId), eq(staffRecords.userId, c.userId));
  // Someone who has left gets no more changes (a later-dated one recorded before the exit).
  const [state] = await tx.select({ status: staffRecords.status }).from(staffRecords).where(rec);
  if (state?.status === "exited") {
    await writeAudit(tx, {
      companyId,
      actorUserId: null,
      action: "personnel_change.skip",
      entity: "personnel_change",
      entityId: c.id,
      after: { kind: c.kind, userId: c.userId, reason: "exited" },
    });
    return true;
  }
  if (c.kind === "transfer") {
    await handOverButlerWork(tx, companyId, c);
    await tx.update(staffRecords).set({ communityId: c.toCommunityId }).where(rec);
  }
  if (c.kind === "promotion" && c.toPosition) await tx.update(staffRecords).set({ position: c.toPosition }).where(rec);
  if (c.kind === "exit") await applyExit(tx, companyId, c);
  await applyRoles(tx, companyId, c);
  await writeAudit(tx, {
    companyId,
    actorUserId: null,
    action: "personnel_change.apply",
    entity: "personnel_change",
    entityId: c.id,
    after: { kind: c.kind, userId: c.userId, effectiveDate: c.effectiveDate },
  });
  return true;
}

/** Whoever leaves keeps no buildings (unassigned, the managers told) and loses their staff roles here. */
async function applyExit(tx: DbOrTx, companyId: number, c: Change) {
  await handOverButlerWork(tx, companyId, c, true);
  await tx
    .update(staffRecords)
    .set({ status: "exited" })
    .where(and(eq(staffRecords.companyId, companyId), eq(staffRecords.userId, c.userId)));
  // Account access ends: the person's staff roles in this company go (sessions die in applyRoles).
  const held = await tx
    .delete(memberships)
    .where(
      and(eq(memberships.companyId, companyId), eq(memberships.userId, c.userId), ne(memberships.role, "resident")),
    )
    .returning({ role: memberships.role });
  await writeAudit(tx, {
    companyId,
    actorUserId: null,
    action: "user.access_revoked",
    entity: "user",
    entityId: c.userId,
    before: { roles: held.map((h) => h.role).sort() },
    after: { roles: [] },
  });
}

/** A role change or promotion moves the membership; it (and an exit) ends the person's sessions. */
async function applyRoles(tx: DbOrTx, companyId: number, c: Change) {
  const roleChanged = (c.kind === "role_change" || c.kind === "promotion") && isRole(c.toRole);
  if (c.kind === "role_change" && isRole(c.fromRole))
    await tx
      .delete(memberships)
      .where(
        and(eq(memberships.companyId, companyId), eq(memberships.userId, c.userId), eq(memberships.role, c.fromRole)),
      );
  if (roleChanged && isRole(c.toRole))
    await tx.insert(memberships).values({ companyId, userId: c.userId, role: c.toRole }).onConflictDoNothing();
  // A role change ends the person's sessions (fresh roles on next sign-in, as elsewhere).
  if (roleChanged || c.kind === "exit")
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, c.userId));
}

/** A person's history: every change, newest effective date first. */
export async function listPersonnelChanges(db: DbOrTx, companyId: number, userId: number) {
  return db
    .select({
      id: personnelChanges.id,
      kind: personnelChanges.kind,
      effectiveDate: personnelChanges.effectiveDate,
      reason: personnelChanges.reason,
      toCommunityName: communities.name,
      fromRole: personnelChanges.fromRole,
      toRole: personnelChanges.toRole,
      toPosition: personnelChanges.toPosition,
      appliedAt: personnelChanges.appliedAt,
    })
    .from(personnelChanges)
    .leftJoin(
      communities,
      and(eq(communities.id, personnelChanges.toCommunityId), eq(communities.companyId, companyId)),
    )
    .where(and(eq(personnelChanges.companyId, companyId), eq(personnelChanges.userId, userId)))
    .orderBy(desc(personnelChanges.effectiveDate), desc(personnelChanges.id));
}

/** Butlers who may take over a butler's work: active butlers of the same community, not the person. */
export async function successorsFor(db: DbOrTx, companyId: number, userId: number, communityId: number | null) {
  if (communityId == null) return [];
  return db
    .selectDistinct({ id: staffRecords.userId, name: staffRecords.name })
    .from(staffRecords)
    .innerJoin(memberships, holdsRole(companyId, "butler"))
    .where(activeStaff(companyId, eq(staffRecords.communityId, communityId), ne(staffRecords.userId, userId)))
    .orderBy(asc(staffRecords.name));
}
