import { randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { communityManagers, households, residentLinks, supervisorButlers } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { newHouseholdCode } from "@/lib/registry/codes";
import type { Relation } from "@/lib/residents/rules";
import { createEstate } from "./fixtures";

/** A random IP address, so that tests never share a rate-limit key (the remote test database is shared). */
export function randomIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

/** createEstate with real household codes (the kind residents type), one per household. */
export async function createCodedEstate(
  db: Db,
  companyId: number,
  options: { n?: number; butlerId?: number; managerId?: number } = {},
) {
  const estate = await createEstate(db, companyId, options);
  const codes: string[] = [];
  for (const h of estate.households) {
    const code = newHouseholdCode();
    await db.update(households).set({ code }).where(eq(households.id, h.id));
    codes.push(code);
  }
  if (options.managerId)
    await db
      .insert(communityManagers)
      .values({ companyId, communityId: estate.community.id, managerUserId: options.managerId });
  return { ...estate, codes };
}

export async function assignSupervisor(db: Db, companyId: number, supervisorUserId: number, butlerUserId: number) {
  await db.insert(supervisorButlers).values({ companyId, supervisorUserId, butlerUserId });
}

/** A link straight in the table (for set-ups that are not what the test is about). */
export async function addLink(
  db: Db,
  companyId: number,
  userId: number,
  householdId: number,
  relation: Relation,
  status: "pending" | "approved" | "rejected" | "removed" = "approved",
) {
  const [link] = await db
    .insert(residentLinks)
    .values({ companyId, userId, householdId, relation, status })
    .returning();
  return link;
}
