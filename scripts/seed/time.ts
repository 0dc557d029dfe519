/**
 * Billing-over-time demo data (SPEC §4 "Time"), after the billing seed: the company's last
 * community was delivered (交付) two years ago — its holdings start on the first day of the
 * billing seed's first month; one unit in twelve there is marked vacant (空置) from next month;
 * five of its flats changed hands (过户) in the last days, through the transfer command (so
 * each has its audit entry and printable statement); the per-area fee (物业管理费) rises from
 * next month, a new price period in its history. Through the commands, as finance and admin
 * would. Idempotent: a finished seed (audit row "seed.time") is left alone, and each step
 * skips what an interrupted run already wrote.
 */
import { and, asc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../lib/db/client";
import { updateFeeItem } from "../../lib/billing/settings";
import { addUnitPeriod } from "../../lib/billing/unit-periods";
import { transferUnit } from "../../lib/registry/holdings";
import * as s from "../../db/schema";
import { SEED_MONTHS } from "./billing";
import { demoLogin } from "./demo-logins";
import { addMonths } from "../../lib/time/calendar";
import { localDate } from "../../lib/time/zone";

export const TIME_SEED_ACTION = "seed.time";
const TRANSFERS = 5;

type Actor = { companyId: number; userId: number };

async function timeActors(db: Db, companyId: number) {
  const [finance] = await db
    .select({ id: s.users.id })
    .from(s.users)
    .where(eq(s.users.email, demoLogin("finance").email));
  const [admin] = await db
    .select({ id: s.users.id })
    .from(s.users)
    .where(eq(s.users.email, demoLogin("admin").email));
  const [community] = await db
    .select({ id: s.communities.id })
    .from(s.communities)
    .where(eq(s.communities.companyId, companyId))
    .orderBy(sql`${s.communities.id} desc`)
    .limit(1);
  if (!finance || !admin || !community) throw new Error("seedDemoTime: run the demo seed first");
  return { finance, admin, community };
}

/** 1. Delivered two years ago: every holding there starts on the delivery day. Returns the held flats. */
async function deliverCommunity(db: Db, companyId: number, delivered: string, inCommunity: SQL) {
  await db
    .update(s.householdUnits)
    .set({ fromDate: delivered })
    .where(
      and(
        eq(s.householdUnits.companyId, companyId),
        isNull(s.householdUnits.toDate),
        sql`${s.householdUnits.fromDate} < ${delivered}`,
        inCommunity,
      ),
    );

  return db
    .select({ unitId: s.householdUnits.unitId, householdId: s.householdUnits.householdId })
    .from(s.householdUnits)
    .innerJoin(s.units, eq(s.units.id, s.householdUnits.unitId))
    .innerJoin(s.households, eq(s.households.id, s.householdUnits.householdId))
    .where(
      and(
        eq(s.householdUnits.companyId, companyId),
        isNull(s.householdUnits.toDate),
        eq(s.units.type, "residential"),
        eq(s.households.active, true),
        inCommunity,
      ),
    )
    .orderBy(asc(s.householdUnits.unitId));
}

/** 3. Transfers (过户) in the last days: flat i goes to the holder of a flat further down the list. */
async function transferFlats(db: Db, actor: Actor, held: { unitId: number; householdId: number }[], now: Date) {
  const done = await db.$count(
    s.auditLog,
    and(eq(s.auditLog.companyId, actor.companyId), eq(s.auditLog.action, "unit.transfer")),
  );
  const movable = held.filter((_, i) => i % 12 !== 11);
  for (let i = done; i < TRANSFERS && i + TRANSFERS < movable.length; i++) {
    const [sold, buyer] = [movable[i * 2], movable[i * 2 + 1 + TRANSFERS * 2]];
    if (!sold || !buyer || sold.householdId === buyer.householdId) continue;
    const date = localDate(new Date(now.getTime() - i * 86_400_000), "Asia/Shanghai");
    await transferUnit(db, actor, {
      unitId: sold.unitId,
      fromHouseholdId: sold.householdId,
      toHouseholdId: buyer.householdId,
      date,
    });
  }
}

/** 4. One price change: the per-area fee rises from next month; earlier months keep their price. */
async function raiseAreaFee(db: Db, admin: Actor, nextMonth: string) {
  const { companyId } = admin;
  const [fee] = await db
    .select()
    .from(s.feeItems)
    .where(and(eq(s.feeItems.companyId, companyId), eq(s.feeItems.kind, "per_area")))
    .orderBy(asc(s.feeItems.id))
    .limit(1);
  const priced = await db.$count(s.feeItemPrices, eq(s.feeItemPrices.companyId, companyId));
  if (fee && priced === 0)
    await updateFeeItem(db, admin, {
      id: fee.id,
      price: fee.priceFen + 30,
      active: fee.active,
      fromPeriod: nextMonth,
    });
}

export async function seedDemoTime(
  db: Db,
  companyId: number,
  opts: { now?: Date } = {},
): Promise<{ status: "created" | "exists"; vacant: number; transfers: number }> {
  const marker = and(eq(s.auditLog.companyId, companyId), eq(s.auditLog.action, TIME_SEED_ACTION));
  if ((await db.$count(s.auditLog, marker)) > 0) return { status: "exists", vacant: 0, transfers: 0 };
  const now = opts.now ?? new Date();
  const today = localDate(now, "Asia/Shanghai");
  const current = today.slice(0, 7);
  const delivered = `${addMonths(current, 1 - SEED_MONTHS)}-01`;
  const nextMonth = addMonths(current, 1);
  const { finance, admin, community } = await timeActors(db, companyId);
  const actor = { companyId, userId: finance.id };
  const inCommunity = sql`${s.householdUnits.unitId} in (select u.id from units u join buildings b on b.id = u.building_id where b.community_id = ${community.id})`;

  const held = await deliverCommunity(db, companyId, delivered, inCommunity);

  // 2. A vacant share: one flat in twelve, vacant from next month (the seeded bills stay as they were).
  const vacantUnits = held.filter((_, i) => i % 12 === 11);
  const hasPeriods = (await db.$count(s.unitBillingPeriods, eq(s.unitBillingPeriods.companyId, companyId))) > 0;
  if (!hasPeriods)
    for (const h of vacantUnits)
      await addUnitPeriod(db, actor, { unitId: h.unitId, kind: "vacant", fromDate: `${nextMonth}-01`, toDate: null });

  await transferFlats(db, actor, held, now);
  await raiseAreaFee(db, { companyId, userId: admin.id }, nextMonth);

  await db.insert(s.auditLog).values({
    companyId,
    actorUserId: null,
    action: TIME_SEED_ACTION,
    entity: "company",
    entityId: String(companyId),
    after: { delivered, vacant: vacantUnits.length },
  });
  return { status: "created", vacant: vacantUnits.length, transfers: TRANSFERS };
}
