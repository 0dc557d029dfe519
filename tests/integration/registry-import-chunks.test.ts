import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { householdUnits, units } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { createCompany } from "../support/fixtures";
import {
  auditOf,
  createCommunity,
  flat,
  importer,
  registryRows,
  unitsCsv,
  type UnitRow,
} from "../support/registry-import";
import { createTestDb } from "../support/test-db";

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
});

async function setup() {
  const company = await createCompany(db);
  const community = await createCommunity(db, company.companyId);
  return { ...company, community, run: importer(db, company.companyId, company.adminId) };
}

/** Ten flats; flat 2 and a parking space at the end share the household key "A". */
function tenFlats(): UnitRow[] {
  return [
    ...Array.from({ length: 10 }, (_, i) => flat(i + 1, i === 1 ? { householdKey: "A" } : {})),
    { buildingCode: "1", unitNumber: "B1-002", floor: "-1", area: "13.5", unitType: "车位", householdKey: "A" },
  ];
}

async function holderOf(companyId: number, number: string) {
  const [row] = await db
    .select({ householdId: householdUnits.householdId })
    .from(householdUnits)
    .innerJoin(units, eq(units.id, householdUnits.unitId))
    .where(and(eq(householdUnits.companyId, companyId), eq(units.number, number)));
  return row?.householdId;
}

describe("units import in chunks of short write transactions", () => {
  it("resumes after a crash between chunks: re-importing the same file writes only what is missing", async () => {
    const { companyId, community, run } = await setup();
    const file = unitsCsv(tenFlats());
    const crash = run.units(community.id, file, {
      chunkRows: 3,
      onChunkCommitted: (index) => {
        if (index === 1) throw new Error("simulated crash");
      },
    });
    await expect(crash).rejects.toThrow("simulated crash");
    const partial = await registryRows(db, companyId);
    expect(partial.units).toBeGreaterThan(0);
    expect(partial.units).toBeLessThan(11);
    expect(await auditOf(db, companyId, "registry.import.units")).toHaveLength(0);

    const resumed = await run.units(community.id, file, { chunkRows: 3 });
    expect(resumed).toMatchObject({ status: "done", skipped: 0 });
    if (resumed.status !== "done") return;
    expect(resumed.created).toBe(11 - partial.units);
    expect(resumed.unchanged).toBe(partial.units);
    expect(await registryRows(db, companyId)).toMatchObject({ units: 11, households: 10, contacts: 10, links: 11 });
    // The key's two rows, ten rows apart, went into one chunk and reached one household.
    expect(await holderOf(companyId, "B1-002")).toBe(await holderOf(companyId, "1-102"));
    expect(await auditOf(db, companyId, "registry.import.units")).toHaveLength(1);

    const again = await run.units(community.id, file, { chunkRows: 3 });
    expect(again).toMatchObject({ status: "done", created: 0, updated: 0, unchanged: 11 });
  });

  it("re-checks each chunk under the lock: a unit deactivated by another writer mid-run stops the run at its chunk", async () => {
    const { companyId, community, run } = await setup();
    await run.units(community.id, unitsCsv([flat(9)]));
    const file = unitsCsv([flat(1), flat(2), flat(9, { householdName: "新名字" })]);
    const result = await run.units(community.id, file, {
      chunkRows: 2,
      onChunkCommitted: async (index) => {
        if (index === 0)
          await db
            .update(units)
            .set({ active: false })
            .where(and(eq(units.companyId, companyId), eq(units.number, "1-109")));
      },
    });
    expect(result.status).toBe("rejected");
    expect(result.report.errors).toEqual([
      expect.objectContaining({ row: 4, column: "unitNumber", problem: "import.problem.unitInactive" }),
    ]);
    // The first chunk stays written (a re-run resumes); the stopped chunk wrote nothing.
    expect(await registryRows(db, companyId)).toMatchObject({ units: 3, households: 3 });
    expect(await auditOf(db, companyId, "registry.import.update")).toHaveLength(0);
  });

  it("reports progress across chunks up to the whole file's total", async () => {
    const { community, run } = await setup();
    const calls: [number, number][] = [];
    const result = await run.units(community.id, unitsCsv(tenFlats()), {
      chunkRows: 3,
      onProgress: (done, total) => void calls.push([done, total]),
    });
    expect(result.status).toBe("done");
    const total = calls[0][1];
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every(([, t]) => t === total)).toBe(true);
    expect(calls.map(([d]) => d)).toEqual([...calls.map(([d]) => d)].sort((a, b) => a - b));
    expect(calls.at(-1)![0]).toBe(total);
  });
});
