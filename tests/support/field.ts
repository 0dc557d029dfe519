import { createCleaningArea, createPatrolRoute } from "@/lib/field/plans";
import { generateFieldDay } from "@/lib/field/generate";
import type { Db } from "@/lib/db/client";
import { instantOf } from "@/lib/time/zone";
import { createCompany, createEstate, createUser } from "./fixtures";

export const FIELD_TZ = "Asia/Shanghai";
/** A Monday. */
export const FIELD_DATE = "2026-12-07";
/** A local time of FIELD_DATE as an instant. */
export const fieldAt = (hh: number, mm = 0, date = FIELD_DATE) => instantOf(date, hh * 60 + mm, FIELD_TZ);

/**
 * A company with one community, two guards with a route each (3 checkpoints, rounds at 08:00 and
 * 20:00, 60 minutes), a cleaner with an area cleaned at 07:00 and 15:00 (120 minutes), and a
 * second company with a route of its own (for foreign codes).
 */
export async function fieldWorld(db: Db) {
  const { companyId, adminId } = await createCompany(db);
  const { community } = await createEstate(db, companyId, { n: 1 });
  const [guard, guard2, cleaner, cleaner2] = await Promise.all([
    createUser(db, companyId, ["guard"], "保安甲"),
    createUser(db, companyId, ["guard"], "保安乙"),
    createUser(db, companyId, ["cleaner"], "保洁甲"),
    createUser(db, companyId, ["cleaner"], "保洁乙"),
  ]);
  const actor = { companyId, userId: adminId };
  const base = { communityId: community.id, times: ["08:00", "20:00"], windowMinutes: 60 };
  const route = await createPatrolRoute(db, actor, {
    ...base,
    name: "东区",
    guardId: guard.id,
    checkpoints: ["东门", "车库入口", "配电房"],
  });
  const route2 = await createPatrolRoute(db, actor, {
    ...base,
    name: "西区",
    guardId: guard2.id,
    checkpoints: ["西门", "泳池"],
  });
  const area = await createCleaningArea(db, actor, {
    communityId: community.id,
    name: "1栋大堂",
    kind: "lobby",
    standard: "地面无水渍",
    times: ["07:00", "15:00"],
    windowMinutes: 120,
    weekdays: 127,
    assigneeId: cleaner.id,
  });
  const other = await createCompany(db);
  const { community: otherCommunity } = await createEstate(db, other.companyId, { n: 1 });
  const foreign = await createPatrolRoute(
    db,
    { companyId: other.companyId, userId: other.adminId },
    {
      communityId: otherCommunity.id,
      name: "外公司",
      times: ["08:00"],
      windowMinutes: 60,
      guardId: null,
      checkpoints: ["甲", "乙"],
    },
  );
  return {
    companyId,
    adminId,
    community,
    guard,
    guard2,
    cleaner,
    cleaner2,
    route,
    route2,
    area,
    foreign,
    otherCompanyId: other.companyId,
  };
}

export const generateDay = (db: Db, companyId: number, date = FIELD_DATE) =>
  generateFieldDay(db, { id: companyId, timeZone: FIELD_TZ }, date, new Date());
