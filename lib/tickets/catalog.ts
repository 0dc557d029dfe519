import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import {
  communities,
  equipment,
  kbArticles,
  maintenancePlans,
  memberships,
  notifications,
  slaSettings,
  technicianSkills,
} from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db } from "@/lib/db/client";
import { defaultSla } from "./rules";
import type { equipmentSchema, kbArticleSchema, planSchema, skillsSchema, slaSchema } from "./schemas";
import type { Actor } from "@/lib/auth/actor";

/** Equipment, maintenance plans, knowledge base, technician skills, inbox: the module's reference data. */
type Out<S extends z.ZodType> = z.output<S>;

export async function createEquipment(db: Db, actor: Actor, input: Out<typeof equipmentSchema>) {
  const [c] = await db
    .select({ id: communities.id })
    .from(communities)
    .where(and(eq(communities.companyId, actor.companyId), eq(communities.id, input.communityId)));
  if (!c) throw AppError.field("communityId", "errors.not_found", "not_found");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(equipment)
      .values({ companyId: actor.companyId, ...input, location: input.location ?? null })
      .returning();
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "equipment.create",
      entity: "equipment",
      entityId: row.id,
      after: input,
    });
    return row;
  });
}

export async function createPlan(db: Db, actor: Actor, input: Out<typeof planSchema>) {
  const [e] = await db
    .select({ id: equipment.id })
    .from(equipment)
    .where(and(eq(equipment.companyId, actor.companyId), eq(equipment.id, input.equipmentId)));
  if (!e) throw AppError.field("equipmentId", "errors.not_found", "not_found");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(maintenancePlans)
      .values({ companyId: actor.companyId, ...input })
      .returning();
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "maintenance_plan.create",
      entity: "maintenance_plan",
      entityId: row.id,
      after: input,
    });
    return row;
  });
}

export async function saveArticle(db: Db, actor: Actor, input: Out<typeof kbArticleSchema>) {
  const { id, ...values } = input;
  if (id) {
    const res = await db
      .update(kbArticles)
      .set(values)
      .where(and(eq(kbArticles.companyId, actor.companyId), eq(kbArticles.id, id)));
    if (res.rowsAffected !== 1) throw new AppError("not_found");
    return { id };
  }
  const [row] = await db
    .insert(kbArticles)
    .values({ companyId: actor.companyId, ...values, createdByUserId: actor.userId })
    .returning({ id: kbArticles.id });
  return row;
}

/** Replaces a technician's skills (admin / project manager). */
export async function setSkills(db: Db, actor: Actor, input: Out<typeof skillsSchema>) {
  const [m] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.companyId, actor.companyId),
        eq(memberships.userId, input.userId),
        eq(memberships.role, "technician"),
      ),
    );
  if (!m) throw new AppError("not_found");
  await db.transaction(async (tx) => {
    const before = await tx
      .select({ category: technicianSkills.category })
      .from(technicianSkills)
      .where(and(eq(technicianSkills.companyId, actor.companyId), eq(technicianSkills.userId, input.userId)));
    await tx
      .delete(technicianSkills)
      .where(and(eq(technicianSkills.companyId, actor.companyId), eq(technicianSkills.userId, input.userId)));
    if (input.categories.length)
      await tx.insert(technicianSkills).values(
        [...new Set(input.categories)].map((category) => ({
          companyId: actor.companyId,
          userId: input.userId,
          category,
        })),
      );
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "technician.skills",
      entity: "user",
      entityId: input.userId,
      before: before.map((b) => b.category),
      after: input.categories,
    });
  });
}

export async function markAllRead(db: Db, actor: Actor) {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.companyId, actor.companyId),
        eq(notifications.userId, actor.userId),
        isNull(notifications.readAt),
      ),
    );
}

/** Sets the company's SLA for one type and severity (overrides the defaults of rules.ts); audited. */
export async function setSla(db: Db, actor: Actor, input: Out<typeof slaSchema>) {
  await db.transaction(async (tx) => {
    const key = and(
      eq(slaSettings.companyId, actor.companyId),
      eq(slaSettings.type, input.type),
      eq(slaSettings.severity, input.severity),
    );
    const [before] = await tx.select().from(slaSettings).where(key);
    await tx
      .insert(slaSettings)
      .values({ companyId: actor.companyId, ...input })
      .onConflictDoUpdate({
        target: [slaSettings.companyId, slaSettings.type, slaSettings.severity],
        set: { acceptMinutes: input.acceptMinutes, resolveMinutes: input.resolveMinutes },
      });
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "sla.set",
      entity: "sla",
      entityId: `${input.type}/${input.severity}`,
      before: before
        ? { acceptMinutes: before.acceptMinutes, resolveMinutes: before.resolveMinutes }
        : defaultSla(input.type, input.severity),
      after: { acceptMinutes: input.acceptMinutes, resolveMinutes: input.resolveMinutes },
    });
  });
}

export async function listSla(db: Db, companyId: number) {
  return db
    .select()
    .from(slaSettings)
    .where(eq(slaSettings.companyId, companyId))
    .orderBy(slaSettings.type, slaSettings.severity);
}

/** Marks one of the caller's own notifications read; another user's id changes nothing. */
export async function markRead(db: Db, actor: Actor, id: number) {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.companyId, actor.companyId),
        eq(notifications.userId, actor.userId),
        eq(notifications.id, id),
        isNull(notifications.readAt),
      ),
    );
}
