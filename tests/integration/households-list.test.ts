import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { buildings, communities, householdPlacements, householdUnits, households, units } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { HOUSEHOLD_PAGE_SIZE, searchHouseholds } from "@/lib/registry/households";
import { createCompany, createEstate } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

/**
 * The staff household list reads a company-wide, unsearched list building by building in the
 * list's order instead of sorting every household: its pages must be exactly the whole sorted
 * list's (community name, building code and unit number each by length then text, household),
 * households without a unit first, and nothing of another company.
 */
describe("searchHouseholds, the whole company in the list's order", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("pages exactly as the whole list sorted, with a community filter and inactive households", async () => {
    const { companyId } = await createCompany(db);
    const other = await createCompany(db);
    await createEstate(db, other.companyId, { n: 5 });
    // Buildings "1", "2" and "10" in one community (by length, then text), "1" and "2" in another
    // that sorts first.
    const plan = [
      { community: "乙苑", code: "10" },
      { community: "乙苑", code: "1" },
      { community: "甲苑", code: "2" },
      { community: "甲苑", code: "1" },
      { community: "乙苑", code: "2" },
    ];
    const estates = [];
    for (const { community, code } of plan) {
      const e = await createEstate(db, companyId, { n: 18 });
      const home = plan.findIndex((x) => x.community === community);
      const communityId: number = home < estates.length ? estates[home].community.id : e.community.id;
      await db.update(buildings).set({ code, communityId }).where(eq(buildings.id, e.building.id));
      if (communityId === e.community.id)
        await db.update(communities).set({ name: community }).where(eq(communities.id, e.community.id));
      estates.push({ ...e, community: { ...e.community, id: communityId } });
    }
    await db.update(units).set({ number: "2-1" }).where(eq(units.id, estates[1].units[3].id));
    // A household that left its unit (no placement: first), and an inactive one (left out by default).
    const gone = estates[2].households[5];
    await db.delete(householdUnits).where(eq(householdUnits.householdId, gone.id));
    const inactive = estates[3].households[2];
    await db.update(households).set({ active: false }).where(eq(households.id, inactive.id));

    const p = householdPlacements;
    /** The definition: every matching household joined to where it sits, sorted whole. */
    const expected = async (extra?: SQL) =>
      (
        await db
          .select({ id: households.id })
          .from(households)
          .leftJoin(p, eq(p.householdId, households.id))
          .leftJoin(units, eq(units.id, p.unitId))
          .leftJoin(buildings, eq(buildings.id, p.buildingId))
          .leftJoin(communities, eq(communities.id, p.communityId))
          .where(and(eq(households.companyId, companyId), extra))
          .orderBy(
            asc(communities.name),
            sql`length(${buildings.code})`,
            asc(buildings.code),
            sql`length(${units.number})`,
            asc(units.number),
            asc(households.id),
          )
      ).map((r) => r.id);
    const list = (search: Parameters<typeof searchHouseholds>[3]) =>
      searchHouseholds(db, companyId, { kind: "all" }, search);
    const ids = async (search: Parameters<typeof searchHouseholds>[3]) => (await list(search)).rows.map((r) => r.id);

    const active = await expected(eq(households.active, true));
    expect(active).toHaveLength(89);
    expect(active[0]).toBe(gone.id);
    expect(await ids({})).toEqual(active.slice(0, HOUSEHOLD_PAGE_SIZE));
    expect(await ids({ page: 2 })).toEqual(active.slice(HOUSEHOLD_PAGE_SIZE));
    expect(await ids({ page: 3 })).toEqual([]);
    expect((await list({ page: 2 })).total).toBe(89);

    const everyone = await expected();
    expect(everyone).toContain(inactive.id);
    expect(await ids({ includeInactive: true, page: 2 })).toEqual(everyone.slice(HOUSEHOLD_PAGE_SIZE));
    expect((await list({ includeInactive: true })).total).toBe(90);

    const community = estates[0].community.id;
    const inCommunity = await expected(and(eq(households.active, true), eq(p.communityId, community)));
    expect(inCommunity).toHaveLength(54);
    expect(await ids({ communityId: community })).toEqual(inCommunity.slice(0, HOUSEHOLD_PAGE_SIZE));
    expect(await ids({ communityId: community, page: 2 })).toEqual(inCommunity.slice(HOUSEHOLD_PAGE_SIZE));
    expect((await list({ communityId: community })).total).toBe(54);
    // Another company's community: nothing.
    const foreign = (await db.select().from(communities).where(eq(communities.companyId, other.companyId)))[0];
    expect(await list({ communityId: foreign.id })).toMatchObject({ total: 0, rows: [] });
  });
});
