import { and, asc, desc, eq, gt, lt, sql } from "drizzle-orm";
import { cleaningAreas, patrolCheckpoints, patrolRoutes } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Actor } from "@/lib/auth/actor";
import type { Db, DbOrTx } from "@/lib/db/client";
import { newCheckpointToken, requireFieldStaff } from "./plans";
import type { ActiveInput, AreaEditInput, CheckpointOp, RouteEditInput } from "./schemas";

/**
 * The supervisor's edits of cleaning areas, patrol routes and checkpoints (issue 19 point 1).
 * Every statement names the company; each edit and its audit entry are one transaction. Edits
 * change the plans only: the daily job reads them for the next day, and rounds already generated
 * keep their own plan (patrol_rounds.plan) and tasks their own assignee.
 */

export async function updateCleaningArea(db: Db, actor: Actor, input: AreaEditInput) {
  const { areaId, ...fields } = input;
  await requireFieldStaff(db, actor.companyId, fields.assigneeId, "cleaner", "assigneeId");
  const where = and(eq(cleaningAreas.id, areaId), eq(cleaningAreas.companyId, actor.companyId));
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(cleaningAreas).where(where);
    if (!before) throw new AppError("not_found");
    await tx.update(cleaningAreas).set(fields).where(where);
    await audit(tx, actor, "field.area.update", "cleaning_area", areaId, before, fields);
    return { id: areaId };
  });
}

/** Deactivates (or reactivates) an area: its past tasks stay; no new ones from the next day on. */
export async function setCleaningAreaActive(db: Db, actor: Actor, input: ActiveInput) {
  const where = and(eq(cleaningAreas.id, input.id), eq(cleaningAreas.companyId, actor.companyId));
  return db.transaction(async (tx) => {
    const [row] = await tx.update(cleaningAreas).set({ active: input.active }).where(where).returning({
      id: cleaningAreas.id,
    });
    if (!row) throw new AppError("not_found");
    await audit(tx, actor, "field.area.active", "cleaning_area", row.id, null, { active: input.active });
    return row;
  });
}

export async function updatePatrolRoute(db: Db, actor: Actor, input: RouteEditInput) {
  const { routeId, ...fields } = input;
  await requireFieldStaff(db, actor.companyId, fields.guardId, "guard", "guardId");
  const where = and(eq(patrolRoutes.id, routeId), eq(patrolRoutes.companyId, actor.companyId));
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(patrolRoutes).where(where);
    if (!before) throw new AppError("not_found");
    await tx.update(patrolRoutes).set(fields).where(where);
    await audit(tx, actor, "field.route.update", "patrol_route", routeId, before, fields);
    return { id: routeId };
  });
}

export async function setPatrolRouteActive(db: Db, actor: Actor, input: ActiveInput) {
  const where = and(eq(patrolRoutes.id, input.id), eq(patrolRoutes.companyId, actor.companyId));
  return db.transaction(async (tx) => {
    const [row] = await tx.update(patrolRoutes).set({ active: input.active }).where(where).returning({
      id: patrolRoutes.id,
    });
    if (!row) throw new AppError("not_found");
    await audit(tx, actor, "field.route.active", "patrol_route", row.id, null, { active: input.active });
    return row;
  });
}

/** Appends a checkpoint (next seq, fresh token) to one of the company's routes; one statement picks the seq. */
export async function addCheckpoint(db: Db, actor: Actor, input: { routeId: number; name: string }) {
  return db.transaction(async (tx) => {
    const [route] = await tx
      .select({ id: patrolRoutes.id })
      .from(patrolRoutes)
      .where(and(eq(patrolRoutes.id, input.routeId), eq(patrolRoutes.companyId, actor.companyId)));
    if (!route) throw new AppError("not_found");
    if ((await activeCount(tx, actor.companyId, route.id)) >= 30)
      throw AppError.field("name", "field.plan.manyCheckpoints");
    const token = newCheckpointToken();
    const [row] = await tx
      .insert(patrolCheckpoints)
      .values({
        companyId: actor.companyId,
        routeId: route.id,
        seq: sql`(select coalesce(max(seq), 0) + 1 from patrol_checkpoints where route_id = ${route.id})`,
        name: input.name,
        token,
      })
      .returning({ id: patrolCheckpoints.id, seq: patrolCheckpoints.seq });
    await audit(tx, actor, "field.checkpoint.add", "patrol_checkpoint", row.id, null, { routeId: route.id, ...row });
    return { id: row.id };
  });
}

/** Renames a checkpoint; its token (the printed code) stays. */
export async function renameCheckpoint(db: Db, actor: Actor, input: { checkpointId: number; name: string }) {
  return db.transaction(async (tx) => {
    const cp = await checkpointOf(tx, actor.companyId, input.checkpointId);
    await tx.update(patrolCheckpoints).set({ name: input.name }).where(eq(patrolCheckpoints.id, cp.id));
    await audit(tx, actor, "field.checkpoint.rename", "patrol_checkpoint", cp.id, { name: cp.name }, input);
    return { id: cp.id };
  });
}

/**
 * Moves a checkpoint before/after its active neighbour, deactivates or reactivates it (a route
 * keeps at least two active), or reissues its code (a new token: the old printed code is refused
 * from then on, also in today's rounds).
 */
export async function changeCheckpoint(db: Db, actor: Actor, input: { checkpointId: number; op: CheckpointOp }) {
  return db.transaction(async (tx) => {
    const cp = await checkpointOf(tx, actor.companyId, input.checkpointId);
    const set = (values: Partial<typeof patrolCheckpoints.$inferInsert>, id = cp.id) =>
      tx.update(patrolCheckpoints).set(values).where(eq(patrolCheckpoints.id, id));
    let after: Record<string, unknown>;
    if (input.op === "up" || input.op === "down") {
      const other = await neighbour(tx, cp, input.op);
      if (!other) return { id: cp.id };
      // seq is unique per route: park this one on a free negative number, then swap.
      await set({ seq: -cp.id });
      await set({ seq: cp.seq }, other.id);
      await set({ seq: other.seq });
      after = { seq: other.seq, swappedWith: other.id };
    } else if (input.op === "reissue") {
      await set({ token: newCheckpointToken() });
      after = { token: "reissued" };
    } else {
      const active = input.op === "activate";
      if (!active && cp.active && (await activeCount(tx, actor.companyId, cp.routeId)) <= 2)
        throw AppError.field("_form", "field.plan.fewCheckpoints");
      await set({ active });
      after = { active };
    }
    await audit(tx, actor, `field.checkpoint.${input.op}`, "patrol_checkpoint", cp.id, { seq: cp.seq }, after);
    return { id: cp.id };
  });
}

async function checkpointOf(db: DbOrTx, companyId: number, checkpointId: number) {
  const [cp] = await db
    .select()
    .from(patrolCheckpoints)
    .where(and(eq(patrolCheckpoints.id, checkpointId), eq(patrolCheckpoints.companyId, companyId)));
  if (!cp) throw new AppError("not_found");
  return cp;
}

/** The nearest active checkpoint of the same route before ("up") or after ("down") this one. */
async function neighbour(db: DbOrTx, cp: { routeId: number; companyId: number; seq: number }, op: "up" | "down") {
  const [row] = await db
    .select({ id: patrolCheckpoints.id, seq: patrolCheckpoints.seq })
    .from(patrolCheckpoints)
    .where(
      and(
        eq(patrolCheckpoints.companyId, cp.companyId),
        eq(patrolCheckpoints.routeId, cp.routeId),
        eq(patrolCheckpoints.active, true),
        op === "up" ? lt(patrolCheckpoints.seq, cp.seq) : gt(patrolCheckpoints.seq, cp.seq),
      ),
    )
    .orderBy(op === "up" ? desc(patrolCheckpoints.seq) : asc(patrolCheckpoints.seq))
    .limit(1);
  return row ?? null;
}

async function activeCount(db: DbOrTx, companyId: number, routeId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(patrolCheckpoints)
    .where(
      and(
        eq(patrolCheckpoints.companyId, companyId),
        eq(patrolCheckpoints.routeId, routeId),
        eq(patrolCheckpoints.active, true),
      ),
    );
  return row.n;
}

function audit(
  db: DbOrTx,
  actor: Actor,
  action: string,
  entity: string,
  entityId: number,
  before: unknown,
  after: unknown,
) {
  return writeAudit(db, {
    companyId: actor.companyId,
    actorUserId: actor.userId,
    action,
    entity,
    entityId,
    before,
    after,
  });
}
