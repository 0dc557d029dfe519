import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { communities, companies, users, visitorEntries, visitorPasses } from "@/db/schema";
import { residentHouseholdIds } from "@/lib/billing/queries/bills";
import type { DbOrTx } from "@/lib/db/client";
import { passState, visitorFirstName, type GateView } from "./rules";

const passColumns = {
  id: visitorPasses.id,
  token: visitorPasses.token,
  householdId: visitorPasses.householdId,
  visitorName: visitorPasses.visitorName,
  plate: visitorPasses.plate,
  validFrom: visitorPasses.validFrom,
  validUntil: visitorPasses.validUntil,
  maxEntries: visitorPasses.maxEntries,
  entriesUsed: visitorPasses.entriesUsed,
  revokedAt: visitorPasses.revokedAt,
  purgedAt: visitorPasses.purgedAt,
  createdAt: visitorPasses.createdAt,
  communityName: communities.name,
};

/** The passes of the resident's households (approved links only), newest first, with their state. */
export async function residentPasses(db: DbOrTx, companyId: number, userId: number, now = new Date(), limit = 50) {
  const mine = await residentHouseholdIds(db, companyId, userId);
  if (mine.length === 0) return [];
  const rows = await db
    .select(passColumns)
    .from(visitorPasses)
    .innerJoin(communities, eq(communities.id, visitorPasses.communityId))
    .where(and(eq(visitorPasses.companyId, companyId), inArray(visitorPasses.householdId, mine)))
    .orderBy(desc(visitorPasses.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, state: passState(r, now) }));
}

/** One pass of the resident's households with its entries (who let the visitor in, when); null when not theirs. */
export async function residentPass(db: DbOrTx, companyId: number, userId: number, passId: number, now = new Date()) {
  const mine = await residentHouseholdIds(db, companyId, userId);
  if (mine.length === 0) return null;
  const [pass] = await db
    .select(passColumns)
    .from(visitorPasses)
    .innerJoin(communities, eq(communities.id, visitorPasses.communityId))
    .where(
      and(
        eq(visitorPasses.id, passId),
        eq(visitorPasses.companyId, companyId),
        inArray(visitorPasses.householdId, mine),
      ),
    );
  if (!pass) return null;
  const entries = await db
    .select({ seq: visitorEntries.seq, admittedAt: visitorEntries.admittedAt, admittedBy: users.name })
    .from(visitorEntries)
    .innerJoin(users, eq(users.id, visitorEntries.admittedByUserId))
    .where(and(eq(visitorEntries.companyId, companyId), eq(visitorEntries.passId, passId)))
    .orderBy(visitorEntries.seq);
  return { ...pass, state: passState(pass, now), entries };
}

/**
 * What the public link shows (anyone holding the token): the visitor's first name, the
 * community, the window and the state — no plate, no household, no full name.
 */
export async function publicPass(db: DbOrTx, token: string, now = new Date()) {
  const [p] = await db
    .select({ ...passColumns, companyName: companies.name, timeZone: companies.timeZone })
    .from(visitorPasses)
    .innerJoin(communities, eq(communities.id, visitorPasses.communityId))
    .innerJoin(companies, eq(companies.id, visitorPasses.companyId))
    .where(eq(visitorPasses.token, token));
  if (!p) return null;
  return {
    token: p.token,
    firstName: visitorFirstName(p.visitorName),
    communityName: p.communityName,
    companyName: p.companyName,
    timeZone: p.timeZone,
    validFrom: p.validFrom,
    validUntil: p.validUntil,
    state: passState(p, now),
  };
}

/** What the gate sees of a pass of its own company before admitting: name, plate, window, entries, state. */
export async function gatePass(db: DbOrTx, companyId: number, token: string, now = new Date()) {
  const [p] = await db
    .select(passColumns)
    .from(visitorPasses)
    .innerJoin(communities, eq(communities.id, visitorPasses.communityId))
    .where(and(eq(visitorPasses.token, token), eq(visitorPasses.companyId, companyId)));
  return p ? { ...p, state: passState(p, now) } : null;
}

/** Does a token exist in another company? (The gate says "foreign" and shows nothing of it.) */
export async function isForeignToken(db: DbOrTx, companyId: number, token: string): Promise<boolean> {
  const [p] = await db
    .select({ companyId: visitorPasses.companyId })
    .from(visitorPasses)
    .where(eq(visitorPasses.token, token));
  return !!p && p.companyId !== companyId;
}

/** The latest admissions at the company's gates. */
export async function recentEntries(db: DbOrTx, companyId: number, limit = 20) {
  return db
    .select({
      id: visitorEntries.id,
      admittedAt: visitorEntries.admittedAt,
      seq: visitorEntries.seq,
      maxEntries: visitorPasses.maxEntries,
      visitorName: visitorPasses.visitorName,
      plate: visitorPasses.plate,
      communityName: communities.name,
      admittedBy: users.name,
    })
    .from(visitorEntries)
    .innerJoin(visitorPasses, eq(visitorPasses.id, visitorEntries.passId))
    .innerJoin(communities, eq(communities.id, visitorPasses.communityId))
    .innerJoin(users, eq(users.id, visitorEntries.admittedByUserId))
    .where(eq(visitorEntries.companyId, companyId))
    .orderBy(desc(visitorEntries.id))
    .limit(limit);
}

export async function checkAtGate(db: DbOrTx, companyId: number, token: string, now = new Date()): Promise<GateView> {
  const p = await gatePass(db, companyId, token, now);
  if (!p) return { state: (await isForeignToken(db, companyId, token)) ? "foreign" : "unknown" };
  const { visitorName, plate, communityName, validFrom, validUntil, entriesUsed, maxEntries } = p;
  return {
    state: p.state,
    pass: { visitorName, plate, communityName, validFrom, validUntil, entriesUsed, maxEntries },
  };
}
