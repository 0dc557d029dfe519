import { eq } from "drizzle-orm";
import QRCode from "qrcode";
import {
  cleaningAreas,
  cleaningTasks,
  communities,
  companies,
  memberships,
  patrolRounds,
  users,
} from "../../../db/schema";
import { recordScan } from "../../../lib/field/patrol";
import { createPatrolRoute } from "../../../lib/field/plans";
import { dateToZonedLocal } from "../../../lib/time/zone";
import { withE2eDb } from "../support/db";
import { demo } from "../support/demo";
import { uniqueTag } from "../support/factories";

const MIN = 60_000;

async function demoIds(db: Parameters<Parameters<typeof withE2eDb>[0]>[0], role: "guard" | "cleaner") {
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.phone, demo(role).phone));
  const [admin] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.phone, demo("admin").phone));
  const [member] = await db
    .select({ companyId: memberships.companyId })
    .from(memberships)
    .where(eq(memberships.userId, admin.id))
    .limit(1);
  const [company] = await db
    .select({ id: companies.id, timeZone: companies.timeZone })
    .from(companies)
    .where(eq(companies.id, member.companyId));
  const [community] = await db
    .select({ id: communities.id })
    .from(communities)
    .where(eq(communities.companyId, company.id))
    .orderBy(communities.id)
    .limit(1);
  return {
    userId: user.id,
    adminId: admin.id,
    companyId: company.id,
    timeZone: company.timeZone,
    communityId: community.id,
  };
}

/**
 * A patrol route of the demo guard made for the calling test alone (3 checkpoints named after
 * `tag`) and one round of it from `startMinutes` from now, 60 minutes long.
 */
export async function guardRound(startMinutes: number) {
  return withE2eDb(async (db) => {
    const ids = await demoIds(db, "guard");
    const tag = uniqueTag();
    const names = [`东门-${tag}`, `车库-${tag}`, `泵房-${tag}`];
    const route = await createPatrolRoute(
      db,
      { companyId: ids.companyId, userId: ids.adminId },
      {
        communityId: ids.communityId,
        name: `测试线-${tag}`,
        times: ["08:00"],
        windowMinutes: 60,
        guardId: ids.userId,
        checkpoints: names,
      },
    );
    const startsAt = new Date(Date.now() + startMinutes * MIN);
    const local = dateToZonedLocal(startsAt, ids.timeZone);
    const [round] = await db
      .insert(patrolRounds)
      .values({
        companyId: ids.companyId,
        routeId: route.id,
        guardId: ids.userId,
        date: local.slice(0, 10),
        slot: local.slice(11, 16),
        startsAt,
        endsAt: new Date(startsAt.getTime() + 60 * MIN),
        checkpoints: names.length,
      })
      .returning();
    return { round, route, names, ids, tag };
  });
}

/** Walks a round's checkpoints `minutesLate` after its window ended (a late round for the board). */
export async function walkLate(roundId: number, tokens: string[], guardId: number, companyId: number, endsAt: Date) {
  await withE2eDb(async (db) => {
    for (const [k, token] of tokens.entries()) {
      const at = new Date(endsAt.getTime() + (k + 1) * MIN);
      await recordScan(db, { companyId, userId: guardId }, { roundId, token, capturedAt: at.getTime() }, at);
    }
  });
}

/** A PNG of a QR code carrying `text` (what a checkpoint's sticker shows). */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: "png", margin: 4, scale: 8 });
}

/** A cleaning area of the demo cleaner made for the calling test, with one open task in its window now. */
export async function cleanerTask() {
  return withE2eDb(async (db) => {
    const ids = await demoIds(db, "cleaner");
    const tag = uniqueTag();
    const [area] = await db
      .insert(cleaningAreas)
      .values({
        companyId: ids.companyId,
        communityId: ids.communityId,
        name: `测试大堂-${tag}`,
        kind: "lobby",
        standard: "地面无水渍",
        times: ["08:00"],
        assigneeId: ids.userId,
      })
      .returning();
    const startsAt = new Date(Date.now() - 10 * MIN);
    const local = dateToZonedLocal(new Date(), ids.timeZone);
    const [task] = await db
      .insert(cleaningTasks)
      .values({
        companyId: ids.companyId,
        areaId: area.id,
        assigneeId: ids.userId,
        date: local.slice(0, 10),
        slot: `t-${tag}`,
        startsAt,
        dueAt: new Date(startsAt.getTime() + 120 * MIN),
      })
      .returning();
    return { area, task };
  });
}
