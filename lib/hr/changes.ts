import { and, asc, desc, eq, inArray, isNull, lte, ne, sql } from "drizzle-orm";
import {
  buildingButlers,
  buildings,
  communities,
  communityManagers,
  memberships,
  notifications,
  personnelChanges,
  staffRecords,
  supervisorButlers,
  unitButlers,
  units,
  users,
} from "@/db/schema";
import { assignBuildingButlerTx, setUnitButlersTx } from "@/lib/registry/commands";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import { isRole } from "@/lib/auth/roles";
import type { Db, DbOrTx } from "@/lib/db/client";
import type { PersonnelChangeInput } from "./schemas";
import type { Actor } from "@/lib/auth/actor";

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
    const done = await db.transaction(async (tx) => {
      const claimed = await tx
        .update(personnelChanges)
        .set({ appliedAt: now })
        .where(
          and(
            eq(personnelChanges.id, c.id),
            eq(personnelChanges.companyId, companyId),
            isNull(personnelChanges.appliedAt),
          ),
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
      if (c.kind === "promotion" && c.toPosition)
        await tx.update(staffRecords).set({ position: c.toPosition }).where(rec);
      if (c.kind === "exit") {
        // Whoever leaves keeps no buildings: they are unassigned and the managers told.
        await handOverButlerWork(tx, companyId, c, true);
        await tx.update(staffRecords).set({ status: "exited" }).where(rec);
        // Account access ends: the person's staff roles in this company go (sessions die below).
        const held = await tx
          .delete(memberships)
          .where(
            and(
              eq(memberships.companyId, companyId),
              eq(memberships.userId, c.userId),
              ne(memberships.role, "resident"),
            ),
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
      const roleChanged = (c.kind === "role_change" || c.kind === "promotion") && isRole(c.toRole);
      if (c.kind === "role_change" && isRole(c.fromRole))
        await tx
          .delete(memberships)
          .where(
            and(
              eq(memberships.companyId, companyId),
              eq(memberships.userId, c.userId),
              eq(memberships.role, c.fromRole),
            ),
          );
      if (roleChanged && isRole(c.toRole))
        await tx.insert(memberships).values({ companyId, userId: c.userId, role: c.toRole }).onConflictDoNothing();
      // A role change ends the person's sessions (fresh roles on next sign-in, as elsewhere).
      if (roleChanged || c.kind === "exit")
        await tx
          .update(users)
          .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
          .where(eq(users.id, c.userId));
      await writeAudit(tx, {
        companyId,
        actorUserId: null,
        action: "personnel_change.apply",
        entity: "personnel_change",
        entityId: c.id,
        after: { kind: c.kind, userId: c.userId, effectiveDate: c.effectiveDate },
      });
      return true;
    });
    if (done) applied++;
  }
  return applied;
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
    .innerJoin(
      memberships,
      and(
        eq(memberships.companyId, companyId),
        eq(memberships.userId, staffRecords.userId),
        eq(memberships.role, "butler"),
      ),
    )
    .where(
      and(
        eq(staffRecords.companyId, companyId),
        eq(staffRecords.communityId, communityId),
        ne(staffRecords.status, "exited"),
        ne(staffRecords.userId, userId),
      ),
    )
    .orderBy(asc(staffRecords.name));
}

type Change = typeof personnelChanges.$inferSelect;

/**
 * A butler's transfer: the buildings and unit ranges they hold outside the new community (in
 * the old one) go to the successor, through the registry's own assignment commands (audited).
 * An exit hands over everything, with no successor.
 * With no successor — or one who has since left or is no longer a butler — they are unassigned
 * and the old community's project manager and supervisors get an inbox entry listing them.
 */
async function handOverButlerWork(tx: DbOrTx, companyId: number, c: Change, everywhere = false) {
  const [person] = await tx
    .select({ communityId: staffRecords.communityId, name: staffRecords.name })
    .from(staffRecords)
    .where(and(eq(staffRecords.companyId, companyId), eq(staffRecords.userId, c.userId)));
  if (!person) return;
  const oldCommunity = person.communityId;
  const inOld = everywhere
    ? undefined
    : oldCommunity != null
      ? eq(buildings.communityId, oldCommunity)
      : c.toCommunityId != null
        ? ne(buildings.communityId, c.toCommunityId)
        : undefined;
  const held = await tx
    .select({ id: buildings.id, name: buildings.name, communityId: buildings.communityId })
    .from(buildingButlers)
    .innerJoin(buildings, and(eq(buildings.id, buildingButlers.buildingId), eq(buildings.companyId, companyId)))
    .where(and(eq(buildingButlers.companyId, companyId), eq(buildingButlers.butlerUserId, c.userId), inOld))
    .orderBy(asc(buildings.id));
  const heldUnits = await tx
    .select({
      id: units.id,
      number: units.number,
      buildingId: units.buildingId,
      buildingName: buildings.name,
      communityId: buildings.communityId,
    })
    .from(unitButlers)
    .innerJoin(units, and(eq(units.id, unitButlers.unitId), eq(units.companyId, companyId)))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(and(eq(unitButlers.companyId, companyId), eq(unitButlers.butlerUserId, c.userId), inOld))
    .orderBy(asc(units.buildingId), asc(units.id));
  if (held.length === 0 && heldUnits.length === 0) return;
  let successor: number | null = null;
  if (c.successorUserId != null) {
    const ok = await tx
      .select({ id: staffRecords.id })
      .from(staffRecords)
      .innerJoin(
        memberships,
        and(
          eq(memberships.companyId, companyId),
          eq(memberships.userId, staffRecords.userId),
          eq(memberships.role, "butler"),
        ),
      )
      .where(
        and(
          eq(staffRecords.companyId, companyId),
          eq(staffRecords.userId, c.successorUserId),
          ne(staffRecords.status, "exited"),
        ),
      );
    if (ok.length > 0) successor = c.successorUserId;
  }
  const actor = { companyId, userId: c.createdBy ?? null };
  for (const b of held) await assignBuildingButlerTx(tx, actor, b.id, successor);
  const byBuilding = new Map<number, number[]>();
  for (const u of heldUnits) byBuilding.set(u.buildingId, [...(byBuilding.get(u.buildingId) ?? []), u.id]);
  for (const [buildingId, ids] of byBuilding) await setUnitButlersTx(tx, actor, buildingId, ids, successor);
  if (successor !== null) return;
  const communityIds = [...new Set([...held.map((b) => b.communityId), ...heldUnits.map((u) => u.communityId)])];
  const managers = await tx
    .select({ id: communityManagers.managerUserId })
    .from(communityManagers)
    .where(and(eq(communityManagers.companyId, companyId), inArray(communityManagers.communityId, communityIds)));
  const leads = await tx
    .select({ id: supervisorButlers.supervisorUserId })
    .from(supervisorButlers)
    .where(and(eq(supervisorButlers.companyId, companyId), eq(supervisorButlers.butlerUserId, c.userId)));
  const supervisors = await tx
    .select({ id: staffRecords.userId })
    .from(staffRecords)
    .innerJoin(
      memberships,
      and(
        eq(memberships.companyId, companyId),
        eq(memberships.userId, staffRecords.userId),
        eq(memberships.role, "supervisor"),
      ),
    )
    .where(
      and(
        eq(staffRecords.companyId, companyId),
        inArray(staffRecords.communityId, communityIds),
        ne(staffRecords.status, "exited"),
      ),
    );
  const recipients = [...new Set([...managers, ...leads, ...supervisors].map((r) => r.id))].filter(
    (id) => id !== c.userId,
  );
  if (recipients.length === 0) return;
  const list = [
    ...held.map((b) => b.name),
    ...[...byBuilding.keys()].map(
      (bid) =>
        `${heldUnits.find((u) => u.buildingId === bid)?.buildingName} ${heldUnits
          .filter((u) => u.buildingId === bid)
          .map((u) => u.number)
          .join("、")}`,
    ),
  ].join("；");
  await tx.insert(notifications).values(
    recipients.map((userId) => ({
      companyId,
      userId,
      kind: "hr.unassigned",
      payload: { name: person.name, list, changeId: c.id },
      href: "/staff/registry/butlers",
    })),
  );
}
