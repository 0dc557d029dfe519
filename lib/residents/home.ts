import "server-only";
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { households, residentLinks, users } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { maskPhone, type Relation } from "./rules";
import { rejectionReasons, unitsOfHouseholds, type UnitLine } from "./queries";

/* ── Resident: own households and requests ──────────────────────────────────────── */

export interface LinkedPerson {
  linkId: number;
  name: string;
  relation: Relation;
  maskedPhone: string;
}

export interface HomeHousehold {
  linkId: number;
  householdId: number;
  name: string;
  relation: Relation;
  units: UnitLine[];
  /** The household's other approved people; filled for owners only (they may remove family and tenants). */
  others: LinkedPerson[];
}

export interface HomeRequest {
  linkId: number;
  status: "pending" | "rejected";
  relation: Relation;
  requestedAt: Date;
  decidedAt: Date | null;
  units: UnitLine[];
  reason: string | null;
}

/** The other approved people of the given households (not the viewer), for their owners' home page. */
async function otherPeopleOf(db: DbOrTx, companyId: number, householdIds: number[], userId: number) {
  if (householdIds.length === 0) return [];
  return db
    .select({
      householdId: residentLinks.householdId,
      linkId: residentLinks.id,
      relation: residentLinks.relation,
      name: users.name,
      phone: users.phone,
    })
    .from(residentLinks)
    .innerJoin(users, eq(users.id, residentLinks.userId))
    .where(
      and(
        eq(residentLinks.companyId, companyId),
        inArray(residentLinks.householdId, householdIds),
        eq(residentLinks.status, "approved"),
        ne(residentLinks.userId, userId),
      ),
    )
    .orderBy(asc(residentLinks.id));
}

/**
 * What a resident's home shows: the households they have an approved link to (owners also
 * get the other people linked to it), and their pending and rejected requests. A pending or
 * rejected request shows the units' addresses only, not the household's name.
 */
export async function residentHome(
  db: DbOrTx,
  companyId: number,
  userId: number,
): Promise<{ households: HomeHousehold[]; requests: HomeRequest[] }> {
  const links = await db
    .select({
      linkId: residentLinks.id,
      householdId: residentLinks.householdId,
      relation: residentLinks.relation,
      status: residentLinks.status,
      createdAt: residentLinks.createdAt,
      updatedAt: residentLinks.updatedAt,
      householdName: households.name,
    })
    .from(residentLinks)
    .innerJoin(households, and(eq(households.id, residentLinks.householdId), eq(households.companyId, companyId)))
    .where(
      and(
        eq(residentLinks.companyId, companyId),
        eq(residentLinks.userId, userId),
        inArray(residentLinks.status, ["approved", "pending", "rejected"]),
      ),
    )
    .orderBy(asc(residentLinks.id));
  const approved = links.filter((l) => l.status === "approved");
  const open = links.filter((l) => l.status === "pending" || l.status === "rejected");
  const owned = approved.filter((l) => l.relation === "owner").map((l) => l.householdId);

  const [unitMap, others, reasons] = await Promise.all([
    unitsOfHouseholds(
      db,
      companyId,
      links.map((l) => l.householdId),
    ),
    otherPeopleOf(db, companyId, owned, userId),
    rejectionReasons(
      db,
      companyId,
      open.filter((l) => l.status === "rejected").map((l) => l.linkId),
    ),
  ]);

  return {
    households: approved.map((l) => ({
      linkId: l.linkId,
      householdId: l.householdId,
      name: l.householdName,
      relation: l.relation,
      units: unitMap.get(l.householdId) ?? [],
      others: others
        .filter((o) => o.householdId === l.householdId)
        .map((o) => ({ linkId: o.linkId, name: o.name, relation: o.relation, maskedPhone: maskPhone(o.phone) })),
    })),
    requests: open.map((l) => ({
      linkId: l.linkId,
      status: l.status as "pending" | "rejected",
      relation: l.relation,
      requestedAt: l.status === "pending" ? l.updatedAt : l.createdAt,
      decidedAt: l.status === "rejected" ? l.updatedAt : null,
      units: unitMap.get(l.householdId) ?? [],
      reason: reasons.get(l.linkId) ?? null,
    })),
  };
}
