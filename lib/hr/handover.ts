import { type SQL, and, asc, eq, inArray, ne } from "drizzle-orm";
import {
  buildingButlers,
  buildings,
  communityManagers,
  memberships,
  notifications,
  personnelChanges,
  staffRecords,
  supervisorButlers,
  unitButlers,
  units,
} from "@/db/schema";
import { assignBuildingButlerTx, setUnitButlersTx } from "@/lib/registry/commands/assignments";
import type { DbOrTx } from "@/lib/db/client";
import { activeStaff, holdsRole } from "./staff-conditions";

type Change = typeof personnelChanges.$inferSelect;

/**
 * A butler's transfer: the buildings and unit ranges they hold outside the new community (in
 * the old one) go to the successor, through the registry's own assignment commands (audited).
 * An exit hands over everything, with no successor.
 * With no successor — or one who has since left or is no longer a butler — they are unassigned
 * and the old community's project manager and supervisors get an inbox entry listing them.
 */
export async function handOverButlerWork(tx: DbOrTx, companyId: number, c: Change, everywhere = false) {
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
  const { held, heldUnits } = await heldWork(tx, companyId, c.userId, inOld);
  if (held.length === 0 && heldUnits.length === 0) return;
  const successor = await activeSuccessor(tx, companyId, c.successorUserId);
  const actor = { companyId, userId: c.createdBy ?? null };
  for (const b of held) await assignBuildingButlerTx(tx, actor, b.id, successor);
  const byBuilding = new Map<number, number[]>();
  for (const u of heldUnits) byBuilding.set(u.buildingId, [...(byBuilding.get(u.buildingId) ?? []), u.id]);
  for (const [buildingId, ids] of byBuilding) await setUnitButlersTx(tx, actor, buildingId, ids, successor);
  if (successor !== null) return;
  await notifyUnassigned(tx, companyId, c, person.name, { held, heldUnits });
}

type HeldWork = Awaited<ReturnType<typeof heldWork>>;

/** The buildings and units the butler holds (within `where`, e.g. their old community). */
async function heldWork(tx: DbOrTx, companyId: number, userId: number, where: SQL | undefined) {
  const held = await tx
    .select({ id: buildings.id, name: buildings.name, communityId: buildings.communityId })
    .from(buildingButlers)
    .innerJoin(buildings, and(eq(buildings.id, buildingButlers.buildingId), eq(buildings.companyId, companyId)))
    .where(and(eq(buildingButlers.companyId, companyId), eq(buildingButlers.butlerUserId, userId), where))
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
    .where(and(eq(unitButlers.companyId, companyId), eq(unitButlers.butlerUserId, userId), where))
    .orderBy(asc(units.buildingId), asc(units.id));
  return { held, heldUnits };
}

/** The named successor while still an active butler of the company, else null. */
async function activeSuccessor(tx: DbOrTx, companyId: number, successorUserId: number | null) {
  if (successorUserId == null) return null;
  const ok = await tx
    .select({ id: staffRecords.id })
    .from(staffRecords)
    .innerJoin(memberships, holdsRole(companyId, "butler"))
    .where(activeStaff(companyId, eq(staffRecords.userId, successorUserId)));
  return ok.length > 0 ? successorUserId : null;
}

/** Who hears of unassigned work: the communities' project managers, the butler's leads and the communities' supervisors. */
async function handoverRecipients(tx: DbOrTx, companyId: number, butlerUserId: number, communityIds: number[]) {
  const managers = await tx
    .select({ id: communityManagers.managerUserId })
    .from(communityManagers)
    .where(and(eq(communityManagers.companyId, companyId), inArray(communityManagers.communityId, communityIds)));
  const leads = await tx
    .select({ id: supervisorButlers.supervisorUserId })
    .from(supervisorButlers)
    .where(and(eq(supervisorButlers.companyId, companyId), eq(supervisorButlers.butlerUserId, butlerUserId)));
  const supervisors = await tx
    .select({ id: staffRecords.userId })
    .from(staffRecords)
    .innerJoin(memberships, holdsRole(companyId, "supervisor"))
    .where(activeStaff(companyId, inArray(staffRecords.communityId, communityIds)));
  return [...new Set([...managers, ...leads, ...supervisors].map((r) => r.id))].filter((id) => id !== butlerUserId);
}

/** An inbox entry listing the work left without a butler. */
async function notifyUnassigned(tx: DbOrTx, companyId: number, c: Change, name: string, { held, heldUnits }: HeldWork) {
  const communityIds = [...new Set([...held.map((b) => b.communityId), ...heldUnits.map((u) => u.communityId)])];
  const recipients = await handoverRecipients(tx, companyId, c.userId, communityIds);
  if (recipients.length === 0) return;
  const buildingIds = [...new Set(heldUnits.map((u) => u.buildingId))];
  const list = [
    ...held.map((b) => b.name),
    ...buildingIds.map(
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
      payload: { name, list, changeId: c.id },
      href: "/staff/registry/butlers",
    })),
  );
}
