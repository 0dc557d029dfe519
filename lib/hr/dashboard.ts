import { and, asc, eq, isNull } from "drizzle-orm";
import { communities, personnelChanges, staffRecords } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { isWorkday } from "./rules";
import { monthSheet } from "./attendance-queries";
import { trainingHours } from "./training";
import { localParts } from "@/lib/time/zone";

export interface TodayCounts {
  workday: boolean;
  staff: number;
  present: number;
  late: number;
  absent: number;
  onLeave: number;
}

/**
 * Today's attendance across the company's active staff: present (clocked in on time), late,
 * absent (no clock-in on a workday yet — or the day is over), on leave (record on leave or an
 * approved leave day). The same evaluation as the monthly sheet.
 */
export async function todayCounts(
  db: DbOrTx,
  companyId: number,
  timeZone: string,
  now = new Date(),
): Promise<TodayCounts> {
  const today = localParts(now, timeZone).date;
  const [sheet, records] = await Promise.all([
    monthSheet(db, companyId, today.slice(0, 7), { now }),
    db
      .select({ userId: staffRecords.userId, status: staffRecords.status })
      .from(staffRecords)
      .where(eq(staffRecords.companyId, companyId)),
  ]);
  const onLeaveRecord = new Set(records.filter((r) => r.status === "on_leave").map((r) => r.userId));
  const out: TodayCounts = { workday: isWorkday(today), staff: 0, present: 0, late: 0, absent: 0, onLeave: 0 };
  for (const row of sheet.rows) {
    const d = row.days.find((x) => x.date === today);
    if (!d || d.status === "notHired") continue;
    out.staff++;
    const status = d.status as string;
    if (onLeaveRecord.has(row.userId) || status === "leave" || status === "onLeave") out.onLeave++;
    else if (d.inMinute !== null) {
      if (d.lateMinutes > 0) out.late++;
      else out.present++;
    } else if (out.workday) out.absent++;
  }
  return out;
}

/** Personnel changes not applied yet, by effective date, with the person's name. */
export async function upcomingChanges(db: DbOrTx, companyId: number, limit = 10) {
  return db
    .select({
      id: personnelChanges.id,
      kind: personnelChanges.kind,
      effectiveDate: personnelChanges.effectiveDate,
      name: staffRecords.name,
      recordId: staffRecords.id,
      toCommunityName: communities.name,
      toPosition: personnelChanges.toPosition,
    })
    .from(personnelChanges)
    .leftJoin(
      staffRecords,
      and(eq(staffRecords.companyId, companyId), eq(staffRecords.userId, personnelChanges.userId)),
    )
    .leftJoin(
      communities,
      and(eq(communities.companyId, companyId), eq(communities.id, personnelChanges.toCommunityId)),
    )
    .where(and(eq(personnelChanges.companyId, companyId), isNull(personnelChanges.appliedAt)))
    .orderBy(asc(personnelChanges.effectiveDate), asc(personnelChanges.id))
    .limit(limit);
}

/** Completed training hours (tenths) of the whole company in a year, and how many people have any. */
export async function trainingHoursTotal(db: DbOrTx, companyId: number, year: number) {
  const byPerson = await trainingHours(db, companyId, year);
  return { tenths: [...byPerson.values()].reduce((a, b) => a + b, 0), people: byPerson.size };
}
