import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { communities, communityManagers, households } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { exportBuildingsCsv, exportUnitsCsv } from "@/lib/registry/import/export";
import { checkImport } from "@/lib/registry/import/check";
import { runImport } from "@/lib/registry/import/run";
import { importScopeOf } from "@/lib/registry/import/scope";
import { listCommunityOptions } from "@/lib/registry/import/snapshot";
import { createCompany, createUser } from "../support/fixtures";
import {
  buildingsCsv,
  createCommunity,
  flat,
  importer,
  registryRows,
  unitsCsv,
  utf8,
} from "../support/registry-import";
import { createTestDb } from "../support/test-db";

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
});

describe("tenant isolation", () => {
  it("company A can neither import into nor export B's community, nor reach B's households or communities by name or code", async () => {
    const a = await createCompany(db);
    const b = await createCompany(db);
    const bCommunity = await createCommunity(db, b.companyId);
    await importer(db, b.companyId, b.adminId).units(bCommunity.id, unitsCsv([flat(1)]));
    const bBefore = await registryRows(db, b.companyId);
    const [bHousehold] = await db.select().from(households).where(eq(households.companyId, b.companyId));

    const runA = importer(db, a.companyId, a.adminId);
    await expect(runA.units(bCommunity.id, unitsCsv([flat(2)]))).rejects.toMatchObject({ code: "not_found" });
    await expect(runA.check("units", bCommunity.id, unitsCsv([flat(2)]))).rejects.toMatchObject({ code: "not_found" });
    expect(await exportUnitsCsv(db, a.companyId, bCommunity.id, "zh-CN")).toBeNull();
    expect(await exportBuildingsCsv(db, a.companyId, bCommunity.id)).toBeNull();

    // B's community name is unknown to A.
    const buildings = await runA.buildings(
      buildingsCsv([{ community: bCommunity.name, buildingCode: "9", buildingName: "9栋" }]),
    );
    expect(buildings.report.errors).toEqual([
      {
        row: 2,
        column: "community",
        problem: "import.problem.unknownCommunity",
        params: { value: bCommunity.name },
        value: bCommunity.name,
      },
    ]);

    // B's household code as A's household key is just a key: A gets a household of its own.
    const aCommunity = await createCommunity(db, a.companyId);
    const result = await runA.units(aCommunity.id, unitsCsv([flat(3, { householdKey: bHousehold.code })]));
    expect(result).toMatchObject({ status: "done", created: 1 });
    const aHouseholds = await db
      .select()
      .from(households)
      .where(and(eq(households.companyId, a.companyId)));
    expect(aHouseholds).toHaveLength(1);
    expect(aHouseholds[0].id).not.toBe(bHousehold.id);

    expect(await registryRows(db, b.companyId)).toEqual(bBefore);
    // The page's community picker lists A's only, with counts.
    expect(await listCommunityOptions(db, a.companyId)).toEqual([
      { id: aCommunity.id, name: aCommunity.name, buildings: 2, units: 1 },
    ]);
    expect(await listCommunityOptions(db, b.companyId)).toEqual([
      { id: bCommunity.id, name: bCommunity.name, buildings: 2, units: 1 },
    ]);
  });
});

describe("who may import where", () => {
  it("a project manager imports into and exports the communities they run only; admin every one; a deactivated community is refused", async () => {
    const { companyId, adminId } = await createCompany(db);
    const mine = await createCommunity(db, companyId);
    const other = await createCommunity(db, companyId);
    const pm = await createUser(db, companyId, ["project_manager"]);
    await db.insert(communityManagers).values({ companyId, communityId: mine.id, managerUserId: pm.id });
    const pmScope = await importScopeOf(db, companyId, { id: pm.id, roles: ["project_manager"] });
    const adminScope = await importScopeOf(db, companyId, { id: adminId, roles: ["admin"] });
    expect([pmScope.allows(mine.id), pmScope.allows(other.id), adminScope.allows(other.id)]).toEqual([
      true,
      false,
      true,
    ]);

    const units = (communityId: number, scope = pmScope) =>
      runImport(
        db,
        { companyId, actorUserId: pm.id, validOnly: false, scope },
        { kind: "units", communityId, bytes: utf8(unitsCsv([flat(1)])), name: "u.csv" },
      );
    expect(await units(mine.id)).toMatchObject({ status: "done", created: 1 });
    await expect(units(other.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      checkImport(db, companyId, { kind: "units", communityId: other.id, bytes: utf8(unitsCsv([flat(1)])) }, pmScope),
    ).rejects.toMatchObject({ code: "forbidden" });

    const buildingsFile = buildingsCsv([
      { community: mine.name, buildingCode: "5", buildingName: "5栋" },
      { community: other.name, buildingCode: "5", buildingName: "5栋" },
    ]);
    const refused = await runImport(
      db,
      { companyId, actorUserId: pm.id, validOnly: false, scope: pmScope },
      { kind: "buildings", communityId: null, bytes: utf8(buildingsFile), name: "b.csv" },
    );
    expect(refused.report.errors.map((e) => [e.row, e.column, e.problem])).toEqual([
      [3, "community", "import.problem.communityNotAllowed"],
    ]);

    await db.update(communities).set({ active: false }).where(eq(communities.id, other.id));
    await expect(units(other.id, adminScope)).rejects.toMatchObject({ code: "conflict", message: "errors.inactive" });
  });
});

describe("all or nothing", () => {
  it("leaves nothing written when the write fails midway", async () => {
    const { companyId, adminId } = await createCompany(db);
    const community = await createCommunity(db, companyId);
    const before = await registryRows(db, companyId);
    const rows = Array.from({ length: 1200 }, (_, i) => flat(i + 1, { unitNumber: `U-${i + 1}` }));
    let calls = 0;
    const failing = importer(db, companyId, adminId).units(community.id, unitsCsv(rows), {
      onProgress: () => {
        if (++calls === 4) throw new Error("disk full, say");
      },
    });
    await expect(failing).rejects.toThrow("disk full");
    expect(calls).toBe(4);
    expect(await registryRows(db, companyId)).toEqual(before);
    // The write lock is released: the next import goes through.
    expect(await importer(db, companyId, adminId).units(community.id, unitsCsv(rows.slice(0, 2)))).toMatchObject({
      status: "done",
      created: 2,
    });
  });

  it("retries household codes that collide with an existing code (of any company)", async () => {
    const other = await createCompany(db);
    const otherCommunity = await createCommunity(db, other.companyId);
    await importer(db, other.companyId, other.adminId).units(otherCommunity.id, unitsCsv([flat(1)]));
    const [taken] = await db
      .select({ code: households.code })
      .from(households)
      .where(eq(households.companyId, other.companyId));

    const { companyId, adminId } = await createCompany(db);
    const community = await createCommunity(db, companyId);
    const codes = [taken.code, "ABCDEFGH", "HGFEDCBA"];
    let n = 0;
    const newCode = () => codes[n++] ?? `ZZZZZZ${String(n).padStart(2, "2")}`;
    const result = await importer(db, companyId, adminId).units(community.id, unitsCsv([flat(1), flat(2)]), {
      newCode,
    });
    expect(result).toMatchObject({ status: "done", created: 2 });
    const mine = await db.select({ code: households.code }).from(households).where(eq(households.companyId, companyId));
    expect(mine.map((h) => h.code).sort()).not.toContain(taken.code);
    expect(mine).toHaveLength(2);
  });
});
