import { randomBytes } from "node:crypto";
import { and, eq, gt, inArray, isNull, lt, lte, sql } from "drizzle-orm";
import { buildings, householdUnits, units, visitorEntries, visitorPasses, visitorSettings } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import { residentHouseholdIds } from "@/lib/billing/queries/bills";
import type { Db, DbOrTx } from "@/lib/db/client";
import type { CronJob } from "@/lib/jobs/types";
import { zonedLocalToDate } from "@/lib/time/zone";
import { passState, purgeCutoff, windowProblem, type PassState } from "./rules";
import type { CreatePassInput } from "./schemas";
import { retentionDays } from "./settings";

export interface ResidentCtx {
  companyId: number;
  userId: number;
  timeZone: string;
}

/** The community of a household's current unit (its first, when it holds several). */
async function communityOfHousehold(db: DbOrTx, companyId: number, householdId: number): Promise<number | null> {
  const [row] = await db
    .select({ communityId: buildings.communityId })
    .from(householdUnits)
    .innerJoin(units, and(eq(units.id, householdUnits.unitId), eq(units.companyId, companyId)))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(
      and(
        eq(householdUnits.companyId, companyId),
        eq(householdUnits.householdId, householdId),
        isNull(householdUnits.toDate),
      ),
    )
    .orderBy(units.id)
    .limit(1);
  return row?.communityId ?? null;
}

/** A resident creates a pass for one of their own households (anything else: not_found, nothing written). */
export async function createPass(db: Db, ctx: ResidentCtx, input: CreatePassInput, now = new Date()) {
  const mine = await residentHouseholdIds(db, ctx.companyId, ctx.userId);
  if (!mine.includes(input.householdId)) throw new AppError("not_found");
  const communityId = await communityOfHousehold(db, ctx.companyId, input.householdId);
  if (communityId === null) throw AppError.field("householdId", "visitors.errors.noUnit");
  const validFrom = zonedLocalToDate(input.validFrom, ctx.timeZone);
  const validUntil = zonedLocalToDate(input.validUntil, ctx.timeZone);
  const problem = windowProblem(validFrom, validUntil, now);
  if (problem) throw AppError.field("validUntil", problem);
  const [row] = await db
    .insert(visitorPasses)
    .values({
      companyId: ctx.companyId,
      householdId: input.householdId,
      communityId,
      createdByUserId: ctx.userId,
      token: randomBytes(24).toString("base64url"),
      visitorName: input.visitorName,
      plate: input.plate,
      validFrom,
      validUntil,
      maxEntries: input.maxEntries,
      createdAt: now,
    })
    .returning({ id: visitorPasses.id, token: visitorPasses.token, communityId: visitorPasses.communityId });
  return row;
}

/** A resident revokes a pass of their own household while it could still admit someone. */
export async function revokePass(db: Db, ctx: Omit<ResidentCtx, "timeZone">, passId: number, now = new Date()) {
  const mine = await residentHouseholdIds(db, ctx.companyId, ctx.userId);
  if (mine.length === 0) throw new AppError("not_found");
  const mineWhere = and(
    eq(visitorPasses.id, passId),
    eq(visitorPasses.companyId, ctx.companyId),
    inArray(visitorPasses.householdId, mine),
  );
  const changed = await db
    .update(visitorPasses)
    .set({ revokedAt: now })
    .where(
      and(
        mineWhere,
        isNull(visitorPasses.revokedAt),
        lt(visitorPasses.entriesUsed, visitorPasses.maxEntries),
        gt(visitorPasses.validUntil, now),
      ),
    )
    .returning({ id: visitorPasses.id });
  if (changed.length === 1) return { id: passId };
  const [exists] = await db.select({ id: visitorPasses.id }).from(visitorPasses).where(mineWhere);
  if (!exists) throw new AppError("not_found");
  throw new AppError("conflict", "visitors.errors.notRevocable");
}

export type GateOutcome = PassState | "foreign" | "unknown";

/**
 * The gate admits the visitor of a pass: one conditional update counts the entry only while the
 * pass is valid and has entries left, and the entry row (pass, n-th entry, who, when) is written
 * in the same transaction; its unique (pass, n) makes two guards scanning at once admit once.
 * A pass of another company is "foreign" and nothing of it is shown.
 */
export async function admitPass(db: Db, ctx: { companyId: number; userId: number }, token: string, now = new Date()) {
  const admitted = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(visitorPasses)
      .set({ entriesUsed: sql`${visitorPasses.entriesUsed} + 1` })
      .where(
        and(
          eq(visitorPasses.token, token),
          eq(visitorPasses.companyId, ctx.companyId),
          isNull(visitorPasses.revokedAt),
          lt(visitorPasses.entriesUsed, visitorPasses.maxEntries),
          lte(visitorPasses.validFrom, now),
          gt(visitorPasses.validUntil, now),
        ),
      )
      .returning({ id: visitorPasses.id, seq: visitorPasses.entriesUsed });
    if (!row) return null;
    await tx.insert(visitorEntries).values({
      companyId: ctx.companyId,
      passId: row.id,
      seq: row.seq,
      admittedByUserId: ctx.userId,
      admittedAt: now,
    });
    return row;
  });
  if (admitted) return { outcome: "admitted" as const, passId: admitted.id, entry: admitted.seq };
  return { outcome: await refusal(db, ctx.companyId, token, now) };
}

/** Why a token was not admitted. */
async function refusal(db: DbOrTx, companyId: number, token: string, now: Date): Promise<GateOutcome> {
  const [p] = await db.select().from(visitorPasses).where(eq(visitorPasses.token, token));
  if (!p) return "unknown";
  if (p.companyId !== companyId) return "foreign";
  return passState(p, now);
}

/** The admin sets how long visitors' names and plates are kept after a pass ends (audited). */
export async function updateVisitorSettings(db: Db, companyId: number, actorUserId: number, days: number) {
  await db.transaction(async (tx) => {
    const before = await retentionDays(tx, companyId);
    await tx
      .insert(visitorSettings)
      .values({ companyId, retentionDays: days })
      .onConflictDoUpdate({ target: visitorSettings.companyId, set: { retentionDays: days } });
    await writeAudit(tx, {
      companyId,
      actorUserId,
      action: "company.visitor_settings",
      entity: "company",
      entityId: companyId,
      before: { retentionDays: before },
      after: { retentionDays: days },
    });
  });
}

/**
 * Daily: the visitor's name and plate of every pass that ended more than the retention period
 * ago are set to null, in one set-based update (idempotent: purged rows are skipped).
 */
export const purgeVisitorPasses: CronJob = async (db, company, _asOf, now) => {
  const cutoff = purgeCutoff(now, await retentionDays(db, company.id));
  const purged = await db
    .update(visitorPasses)
    .set({ visitorName: null, plate: null, purgedAt: now })
    .where(
      and(
        eq(visitorPasses.companyId, company.id),
        isNull(visitorPasses.purgedAt),
        lte(visitorPasses.validUntil, cutoff),
      ),
    )
    .returning({ id: visitorPasses.id });
  return { purged: purged.length };
};
