import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { visitorEntries, visitorPasses } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Db } from "@/lib/db/client";
import { admitPass, createPass, purgeVisitorPasses, revokePass, updateVisitorSettings } from "@/lib/visitors/commands";
import { gatePass, publicPass, residentPass, residentPasses } from "@/lib/visitors/queries";
import { createPassSchema } from "@/lib/visitors/schemas";
import { createCompany, createEstate, createUser, linkResident } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

const TZ = "Asia/Shanghai";
/** 2026-05-01 12:00 in Shanghai. */
const NOON = new Date("2026-05-01T04:00:00Z");
const input = (householdId: number, over: Record<string, string> = {}) =>
  createPassSchema.parse({
    householdId: String(householdId),
    visitorName: "张小明",
    plate: "粤B12345",
    validFrom: "2026-05-01T08:00",
    validUntil: "2026-05-01T18:00",
    kind: "once",
    maxEntries: "",
    ...over,
  });

async function world(db: Db) {
  const company = await createCompany(db);
  const estate = await createEstate(db, company.companyId, { n: 2 });
  const resident = await createUser(db, company.companyId, ["resident"], "住户");
  await linkResident(db, company.companyId, resident.id, estate.households[0].id);
  const guard = await createUser(db, company.companyId, ["front_desk"], "门岗");
  const ctx = { companyId: company.companyId, userId: resident.id, timeZone: TZ };
  return { company, estate, resident, guard, ctx };
}

describe("visitor passes", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("a one-time pass scanned by two guards at once admits the visitor once", async () => {
    const w = await world(db);
    const second = await createUser(db, w.company.companyId, ["supervisor"], "门岗二");
    const pass = await createPass(db, w.ctx, input(w.estate.households[0].id), NOON);
    const results = await Promise.all([
      admitPass(db, { companyId: w.company.companyId, userId: w.guard.id }, pass.token, NOON),
      admitPass(db, { companyId: w.company.companyId, userId: second.id }, pass.token, NOON),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(["admitted", "used"]);
    const entries = await db.select().from(visitorEntries).where(eq(visitorEntries.passId, pass.id));
    expect(entries).toHaveLength(1);
    const third = await admitPass(db, { companyId: w.company.companyId, userId: w.guard.id }, pass.token, NOON);
    expect(third.outcome).toBe("used");
    const mine = await residentPass(db, w.company.companyId, w.resident.id, pass.id, NOON);
    expect(mine?.state).toBe("used");
    expect(mine?.entries.map((e) => e.seq)).toEqual([1]);
  });

  it("a multi-entry pass admits up to its maximum; outside the window it is refused with the reason", async () => {
    const w = await world(db);
    const pass = await createPass(
      db,
      w.ctx,
      input(w.estate.households[0].id, { kind: "multi", maxEntries: "2" }),
      NOON,
    );
    const gate = { companyId: w.company.companyId, userId: w.guard.id };
    expect((await admitPass(db, gate, pass.token, new Date("2026-04-30T23:00:00Z"))).outcome).toBe("not_yet_valid");
    expect((await admitPass(db, gate, pass.token, NOON)).outcome).toBe("admitted");
    expect((await admitPass(db, gate, pass.token, new Date("2026-05-01T10:00:00Z"))).outcome).toBe("expired");
    expect((await admitPass(db, gate, pass.token, NOON)).outcome).toBe("admitted");
    expect((await admitPass(db, gate, pass.token, NOON)).outcome).toBe("used");
    expect((await gatePass(db, w.company.companyId, pass.token, NOON))?.entriesUsed).toBe(2);
  });

  it("another company's pass is refused as foreign and shows nothing; a revoked pass is refused", async () => {
    const a = await world(db);
    const b = await world(db);
    const pass = await createPass(db, a.ctx, input(a.estate.households[0].id), NOON);
    const foreign = await admitPass(db, { companyId: b.company.companyId, userId: b.guard.id }, pass.token, NOON);
    expect(foreign.outcome).toBe("foreign");
    expect(await gatePass(db, b.company.companyId, pass.token, NOON)).toBeNull();
    expect(await db.select().from(visitorEntries).where(eq(visitorEntries.passId, pass.id))).toHaveLength(0);
    // B's resident can neither see nor revoke A's pass.
    expect(await residentPass(db, a.company.companyId, b.resident.id, pass.id, NOON)).toBeNull();
    await expect(
      revokePass(db, { companyId: b.company.companyId, userId: b.resident.id }, pass.id, NOON),
    ).rejects.toThrow(AppError);
    await revokePass(db, { companyId: a.company.companyId, userId: a.resident.id }, pass.id, NOON);
    const refused = await admitPass(db, { companyId: a.company.companyId, userId: a.guard.id }, pass.token, NOON);
    expect(refused.outcome).toBe("revoked");
    expect((await publicPass(db, pass.token, NOON))?.state).toBe("revoked");
  });

  it("a resident cannot make a pass for a household that is not theirs; a bad window writes nothing", async () => {
    const w = await world(db);
    await expect(createPass(db, w.ctx, input(w.estate.households[1].id), NOON)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      createPass(db, w.ctx, input(w.estate.households[0].id, { validUntil: "2026-05-01T07:00" }), NOON),
    ).rejects.toMatchObject({ fieldErrors: { validUntil: ["visitors.errors.windowOrder"] } });
    expect(await residentPasses(db, w.company.companyId, w.resident.id, NOON)).toEqual([]);
  });

  it("the public link shows the first name, the community and the window only", async () => {
    const w = await world(db);
    const pass = await createPass(db, w.ctx, input(w.estate.households[0].id), NOON);
    const shown = await publicPass(db, pass.token, NOON);
    expect(shown).toMatchObject({ firstName: "张*", communityName: w.estate.community.name, state: "valid" });
    expect(JSON.stringify(shown)).not.toContain("小明");
    expect(JSON.stringify(shown)).not.toContain("12345");
  });

  it("the daily purge removes names and plates only after the retention period, once", async () => {
    const w = await world(db);
    const companyId = w.company.companyId;
    await updateVisitorSettings(db, companyId, w.company.adminId, 10);
    const pass = await createPass(db, w.ctx, input(w.estate.households[0].id), NOON);
    const company = { id: companyId, timeZone: TZ };
    // Nine days after the end: kept.
    const before = await purgeVisitorPasses(db, company, "2026-05-10", new Date("2026-05-10T09:00:00Z"));
    expect(before.purged).toBe(0);
    const kept = await gatePass(db, companyId, pass.token, NOON);
    expect(kept).toMatchObject({ visitorName: "张小明", plate: "粤B12345" });
    // Ten days after the end (18:00 Shanghai = 10:00 UTC): purged; the entries and window stay.
    const due = await purgeVisitorPasses(db, company, "2026-05-11", new Date("2026-05-11T10:00:00Z"));
    expect(due.purged).toBe(1);
    const [row] = await db
      .select()
      .from(visitorPasses)
      .where(and(eq(visitorPasses.id, pass.id), eq(visitorPasses.companyId, companyId)));
    expect(row).toMatchObject({ visitorName: null, plate: null, maxEntries: 1 });
    expect(row.purgedAt).not.toBeNull();
    expect((await purgeVisitorPasses(db, company, "2026-05-12", new Date("2026-05-12T10:00:00Z"))).purged).toBe(0);
  });
});
