import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { assessments } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Db } from "@/lib/db/client";
import { assessmentRanking, getAssessment, listAssessments } from "@/lib/hr/assessment-queries";
import { correctAssessment, finaliseAssessment, saveAssessment } from "@/lib/hr/assessments";
import { createStaffRecord } from "@/lib/hr/commands";
import { computeKpis } from "@/lib/hr/kpi-queries";
import { assessmentSchema, correctionSchema, staffRecordSchema } from "@/lib/hr/schemas";
import { createCompany, createEstate, createUser } from "../support/fixtures";
import { addBill, addResolvedOrder, addVisit, setScore } from "../support/hr-kpi";
import { createTestDb } from "../support/test-db";

const TZ = "Asia/Shanghai";
const at = (iso: string) => new Date(`${iso}+08:00`);
let n = 0;

async function world(db: Db) {
  const { companyId, adminId } = await createCompany(db);
  const actor = { companyId, userId: adminId };
  const person = async (roles: ("butler" | "technician" | "finance")[], name: string, communityId: number | null) => {
    const u = await createUser(db, companyId, roles, name);
    await createStaffRecord(
      db,
      actor,
      staffRecordSchema.parse({
        userId: u.id,
        employeeNo: `K${++n}`,
        name,
        phone: "",
        email: "",
        communityId: communityId ? String(communityId) : "",
        position: "员工",
        hireDate: "2024-01-01",
        status: "active",
      }),
    );
    return u;
  };
  const butler = await createUser(db, companyId, ["butler"], "管家甲");
  const estate = await createEstate(db, companyId, { n: 4, butlerId: butler.id });
  await createStaffRecord(
    db,
    actor,
    staffRecordSchema.parse({
      userId: butler.id,
      employeeNo: `K${++n}`,
      name: "管家甲",
      phone: "",
      email: "",
      communityId: String(estate.community.id),
      position: "管家",
      hireDate: "2024-01-01",
      status: "active",
    }),
  );
  const butler2 = await person(["butler"], "管家乙", estate.community.id);
  const estate2 = await createEstate(db, companyId, { n: 1, butlerId: butler2.id });
  const tech = await person(["technician"], "维修甲", estate.community.id);
  const idleTech = await person(["technician"], "维修乙", estate.community.id);
  const clerk = await person(["finance"], "财务", null);
  const h = estate.households.map((x) => x.id);
  // Q3 2026 data for 管家甲's four households (and some outside the period, which must not count)
  await setScore(db, companyId, h[0], 80);
  await setScore(db, companyId, h[1], 90);
  await addVisit(db, companyId, h[0], butler.id, at("2026-08-10T10:00:00"), "2026Q3");
  await addVisit(db, companyId, h[1], butler.id, at("2026-10-01T00:30:00"), "2026Q4");
  await addBill(db, companyId, h[0], "2026-07", 10000, 10000);
  await addBill(db, companyId, h[1], "2026-08", 10000, 0);
  await addBill(db, companyId, h[2], "2026-10", 50000, 0);
  await addResolvedOrder(db, companyId, {
    type: "complaint",
    householdId: h[0],
    resolvedAt: at("2026-08-01T10:00:00"),
    resolveDueAt: at("2026-08-02T10:00:00"),
  });
  await addResolvedOrder(db, companyId, {
    type: "complaint",
    householdId: h[1],
    resolvedAt: at("2026-08-05T10:00:00"),
    resolveDueAt: at("2026-08-03T10:00:00"),
  });
  await addResolvedOrder(db, companyId, {
    type: "complaint",
    householdId: h[2],
    resolvedAt: at("2026-06-30T23:00:00"),
    resolveDueAt: at("2026-07-02T10:00:00"),
  });
  await addResolvedOrder(db, companyId, {
    type: "repair",
    householdId: h[0],
    resolvedAt: at("2026-09-01T10:00:00"),
    resolveDueAt: at("2026-09-01T12:00:00"),
    rating: 4,
    technicianId: tech.id,
  });
  await addResolvedOrder(db, companyId, {
    type: "repair",
    householdId: h[1],
    resolvedAt: at("2026-09-02T10:00:00"),
    resolveDueAt: at("2026-09-02T09:00:00"),
    rating: 2,
    technicianId: tech.id,
  });
  await addResolvedOrder(db, companyId, {
    type: "repair",
    householdId: h[1],
    resolvedAt: at("2026-10-02T10:00:00"),
    resolveDueAt: null,
    rating: 5,
    technicianId: tech.id,
  });
  await addBill(db, companyId, estate2.households[0].id, "2026-09", 10000, 10000);
  return { companyId, actor, butler, butler2, tech, idleTech, clerk };
}

const review = (userId: number, managerScore: string, period = "2026Q3", gradeOverride = "") =>
  assessmentSchema.parse({ userId, period, managerScore, comment: "表现稳定", gradeOverride });
const err = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: AppError) => ({ code: e.code, fields: e.fieldErrors }),
  );

describe("assessments", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("KPIs come from the period's bills, scores, visits and orders; no data is null", async () => {
    const w = await world(db);
    const butlers = await computeKpis(db, w.companyId, "butler", "2026Q3", TZ, [w.butler.id, w.butler2.id]);
    expect(butlers.get(w.butler.id)).toEqual({
      households: 4,
      sentimentMean: 92.5,
      visitCoveragePct: 25,
      collectionPct: 50,
      complaintSlaPct: 50,
      inspectionPct: null,
    });
    expect(butlers.get(w.butler2.id)).toEqual({
      households: 1,
      sentimentMean: 100,
      visitCoveragePct: 0,
      collectionPct: 100,
      complaintSlaPct: null,
      inspectionPct: null,
    });
    const techs = await computeKpis(db, w.companyId, "technician", "2026Q3", TZ, [w.tech.id, w.idleTech.id]);
    expect(techs.get(w.tech.id)).toEqual({
      ordersCompleted: 2,
      slaPct: 50,
      ratingMean: 3,
      inspectionPct: null,
    });
    expect(techs.get(w.idleTech.id)).toEqual({
      ordersCompleted: null,
      slaPct: null,
      ratingMean: null,
      inspectionPct: null,
    });
    // a month: only October's order
    expect((await computeKpis(db, w.companyId, "technician", "2026-10", TZ, [w.tech.id])).get(w.tech.id)).toEqual({
      ordersCompleted: 1,
      slaPct: null,
      ratingMean: 5,
      inspectionPct: null,
    });
  });

  it("a draft is saved with computed KPIs and the formula's grade, finalised and locked; a correction is a new revision", async () => {
    const w = await world(db);
    const { id } = await saveAssessment(db, w.actor, review(w.butler.id, "80"), TZ);
    let a = await getAssessment(db, w.companyId, id);
    // KPI score = mean(92.5, 25, 50, 50) = 54.375; overall = round(40 + 27.19) = 67 → C
    expect(a).toMatchObject({
      status: "draft",
      overall: 67,
      grade: "C",
      kpis: { sentimentMean: 92.5, collectionPct: 50 },
    });
    await saveAssessment(db, w.actor, review(w.butler.id, "100", "2026Q3", "B"), TZ);
    a = await getAssessment(db, w.companyId, id);
    expect(a).toMatchObject({ managerScore: 100, overall: 77, grade: "B", gradeOverride: "B" });
    await finaliseAssessment(db, w.actor, id, TZ);
    expect(await err(saveAssessment(db, w.actor, review(w.butler.id, "10"), TZ))).toEqual({
      code: "conflict",
      fields: { period: ["hr.validation.assessmentFinal"] },
    });
    expect((await err(finaliseAssessment(db, w.actor, id, TZ)))?.code).toBe("conflict");
    const fix = await correctAssessment(
      db,
      w.actor,
      correctionSchema.parse({ id, managerScore: "90", comment: "复核后调整", gradeOverride: "", reason: "复核" }),
      TZ,
    );
    const corrected = await getAssessment(db, w.companyId, fix.id);
    expect(corrected).toMatchObject({
      revision: 2,
      status: "final",
      managerScore: 90,
      reason: "复核",
      overall: 72,
      grade: "C",
      isCurrent: true,
    });
    expect(corrected?.revisions.map((r) => r.revision)).toEqual([2, 1]);
    expect((await getAssessment(db, w.companyId, id))?.managerScore).toBe(100);
    // correcting the old revision again is refused
    expect(
      await err(
        correctAssessment(
          db,
          w.actor,
          correctionSchema.parse({ id, managerScore: "50", comment: "再改", reason: "再改" }),
          TZ,
        ),
      ),
    ).toEqual({ code: "conflict", fields: { reason: ["hr.validation.notLatest"] } });
    expect((await listAssessments(db, w.companyId, "2026Q3")).map((r) => [r.userId, r.revision])).toEqual([
      [w.butler.id, 2],
    ]);
  });

  it("ranking: final reviews only, by overall score within role and community", async () => {
    const w = await world(db);
    for (const [userId, score] of [
      [w.butler.id, "60"],
      [w.butler2.id, "100"],
      [w.tech.id, "90"],
      [w.idleTech.id, "95"],
    ] as const) {
      const { id } = await saveAssessment(db, w.actor, review(userId, score), TZ);
      if (userId !== w.idleTech.id) await finaliseAssessment(db, w.actor, id, TZ);
    }
    const ranking = await assessmentRanking(db, w.companyId, "2026Q3");
    expect(ranking.map((r) => [r.role, r.userId, r.rank])).toEqual([
      ["butler", w.butler2.id, 1],
      ["butler", w.butler.id, 2],
      ["technician", w.tech.id, 1],
    ]);
  });

  it("bad input and other companies: field errors, nothing written; not found elsewhere", async () => {
    const w = await world(db);
    const bad = assessmentSchema.safeParse({ userId: w.butler.id, period: "2026Q5", managerScore: "101", comment: "" });
    expect(bad.success ? {} : bad.error.flatten().fieldErrors).toEqual({
      period: ["hr.validation.period"],
      managerScore: ["hr.validation.score"],
      comment: ["hr.validation.comment"],
    });
    expect(await err(saveAssessment(db, w.actor, review(w.clerk.id, "80"), TZ))).toEqual({
      code: "validation",
      fields: { userId: ["hr.validation.notAssessable"] },
    });
    const other = await createCompany(db);
    const otherActor = { companyId: other.companyId, userId: other.adminId };
    expect((await err(saveAssessment(db, otherActor, review(w.butler.id, "80"), TZ)))?.code).toBe("not_found");
    const { id } = await saveAssessment(db, w.actor, review(w.butler.id, "80"), TZ);
    expect(await getAssessment(db, other.companyId, id)).toBeNull();
    expect((await err(finaliseAssessment(db, otherActor, id, TZ)))?.code).toBe("not_found");
    expect(await listAssessments(db, other.companyId, "2026Q3")).toEqual([]);
    expect(
      await db
        .select()
        .from(assessments)
        .where(and(eq(assessments.companyId, w.companyId), eq(assessments.userId, w.clerk.id))),
    ).toEqual([]);
  });
});
