import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  notifications,
  supervisorButlers,
  surveyRecipients,
  surveyResponses,
  surveys,
  visits,
  workOrderAssignees,
  workOrders,
} from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { getVisit, recordVisit } from "@/lib/crm/visits/record";
import { loadRegistryView } from "@/lib/registry/view";
import { coverageReport, visitCoverage } from "@/lib/crm/visits/coverage";
import { answerSurvey, residentSurvey } from "@/lib/crm/surveys/answers";
import { butlerDigest, digestButlers, surveyResults } from "@/lib/crm/surveys/results";
import { runQuarterlySurvey } from "@/lib/crm/surveys/send";
import { runVisitSampling } from "@/lib/crm/visits/sampling";
import { recordVisitSchema, surveyAnswerSchema } from "@/lib/crm/visits/schemas";
import { acceptOrder } from "@/lib/tickets/commands";
import { loadOrder } from "@/lib/tickets/orders";
import { createCompany, createEstate, createUser, linkResident } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

const NOW = new Date("2026-10-01T01:00:00Z");

/** A company with butler A (10 households), butler B (7), butler C (none) and two residents. */
async function world(db: Db) {
  const { companyId, adminId } = await createCompany(db);
  const a = await createUser(db, companyId, ["butler"], "管家甲");
  const b = await createUser(db, companyId, ["butler"], "管家乙");
  const c = await createUser(db, companyId, ["butler"], "管家丙");
  const estA = await createEstate(db, companyId, { n: 10, butlerId: a.id });
  const estB = await createEstate(db, companyId, { n: 7, butlerId: b.id });
  const r1 = await createUser(db, companyId, ["resident"], "住户一");
  const r2 = await createUser(db, companyId, ["resident"], "住户二");
  await linkResident(db, companyId, r1.id, estA.households[0].id);
  await linkResident(db, companyId, r2.id, estB.households[0].id);
  return { companyId, adminId, a, b, c, estA, estB, r1, r2, company: { id: companyId, timeZone: "Asia/Shanghai" } };
}

async function visitRows(db: Db, companyId: number) {
  return db.select().from(visits).where(eq(visits.companyId, companyId));
}

describe("CRM-EW visits (§8.5)", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("the 1st of three consecutive months gives 30/60/90 % per butler and one visit order per pick, to that butler", async () => {
    const w = await world(db);
    const expected = [
      ["2026-10-01", 3, 3],
      ["2026-11-01", 6, 5],
      ["2026-12-01", 9, 7],
    ] as const;
    for (const [date, nA, nB] of expected) {
      const r = await runVisitSampling(db, w.company, date, NOW);
      const rows = await visitRows(db, w.companyId);
      const ofA = rows.filter((v) => v.butlerUserId === w.a.id);
      const ofB = rows.filter((v) => v.butlerUserId === w.b.id);
      expect([ofA.length, ofB.length]).toEqual([nA, nB]);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((v) => v.quarter === "2026Q4" && v.workOrderId != null)).toBe(true);
      expect(new Set(rows.map((v) => v.householdId)).size).toBe(rows.length);
      expect(r.visitOrders).toBe(rows.filter((v) => v.sampledMonth === date.slice(0, 7)).length);
      // re-running the same day creates nothing
      expect(await runVisitSampling(db, w.company, date, NOW)).toEqual({ visitsSampled: 0, visitOrders: 0 });
      expect(await visitRows(db, w.companyId)).toHaveLength(rows.length);
    }
    const rows = await visitRows(db, w.companyId);
    expect(rows.some((v) => v.butlerUserId === w.c.id)).toBe(false);
    const orders = await db
      .select()
      .from(workOrders)
      .where(and(eq(workOrders.companyId, w.companyId), eq(workOrders.type, "visit")));
    expect(orders).toHaveLength(16);
    expect(orders.every((o) => o.source === "system" && o.status === "assigned")).toBe(true);
    // due by the end of the sampling month (Asia/Shanghai): December's orders by 2026-12-31 23:59 local
    const dec = orders.filter((o) => rows.find((v) => v.workOrderId === o.id)!.sampledMonth === "2026-12");
    expect(dec.length).toBeGreaterThan(0);
    expect(
      dec.every(
        (o) =>
          o.resolveDueAt!.toISOString() === "2026-12-31T15:59:00.000Z" &&
          o.acceptDueAt!.getTime() === o.resolveDueAt!.getTime(),
      ),
    ).toBe(true);
    const assignees = await db
      .select()
      .from(workOrderAssignees)
      .where(
        inArray(
          workOrderAssignees.workOrderId,
          orders.map((o) => o.id),
        ),
      );
    expect(assignees).toHaveLength(16);
    const orderButler = new Map(assignees.map((x) => [x.workOrderId, x.userId]));
    expect(rows.length).toBeGreaterThan(0);
    for (const v of rows) {
      expect(orderButler.get(v.workOrderId!)).toBe(v.butlerUserId);
      expect(orders.find((o) => o.id === v.workOrderId)!.householdId).toBe(v.householdId);
    }
    // one summary line per butler and month
    const inbox = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.companyId, w.companyId), eq(notifications.kind, "visits.sampled")));
    expect(inbox.filter((n) => n.userId === w.a.id)).toHaveLength(3);
    expect(inbox.filter((n) => n.userId === w.c.id)).toHaveLength(0);
    // a new quarter starts again at 30 %
    await runVisitSampling(db, w.company, "2027-01-01", NOW);
    expect((await visitRows(db, w.companyId)).filter((v) => v.quarter === "2027Q1")).toHaveLength(6);
  });

  it("overlapping runs and a later-day catch-up create each visit once", async () => {
    const w = await world(db);
    const both = await Promise.all([
      runVisitSampling(db, w.company, "2026-10-01", NOW),
      runVisitSampling(db, w.company, "2026-10-01", NOW),
    ]);
    expect(both[0].visitOrders + both[1].visitOrders).toBe(6);
    expect(await visitRows(db, w.companyId)).toHaveLength(6);
    // the cron missed November 1st: the 3rd catches up, the 4th does nothing
    expect((await runVisitSampling(db, w.company, "2026-11-03", NOW)).visitOrders).toBe(5);
    expect((await runVisitSampling(db, w.company, "2026-11-04", NOW)).visitOrders).toBe(0);
    const orders = await db
      .select()
      .from(workOrders)
      .where(and(eq(workOrders.companyId, w.companyId), eq(workOrders.type, "visit")));
    expect(orders).toHaveLength(11);
  });

  it("the butler records a visit once (after accepting), optionally with a follow-up order; coverage counts it", async () => {
    const w = await world(db);
    await runVisitSampling(db, w.company, "2026-10-01", NOW);
    const [v] = (await visitRows(db, w.companyId)).filter((x) => x.butlerUserId === w.a.id);
    const asA = { companyId: w.companyId, userId: w.a.id, roles: ["butler" as const] };
    const asB = { companyId: w.companyId, userId: w.b.id, roles: ["butler" as const] };
    const input = recordVisitSchema.parse({
      visitId: v.id,
      notes: "住户反映楼道灯坏了",
      satisfaction: "4",
      issues: "楼道灯不亮",
      createOrder: "on",
      orderType: "repair",
    });
    await expect(recordVisit(db, asA, input)).rejects.toMatchObject({ message: "visits.errors.acceptFirst" });
    await acceptOrder(db, asA, v.workOrderId!);
    await expect(recordVisit(db, asB, input)).rejects.toMatchObject({ code: "not_found" });
    const res = await recordVisit(db, asA, input, new Date("2026-10-05T03:00:00Z"));
    expect(res.followUpOrderId).toBeTypeOf("number");
    const [after] = await db.select().from(visits).where(eq(visits.id, v.id));
    expect(after).toMatchObject({
      satisfaction: 4,
      notes: "住户反映楼道灯坏了",
      issues: "楼道灯不亮",
      followUpOrderId: res.followUpOrderId,
    });
    expect((await loadOrder(db, w.companyId, v.workOrderId!)).status).toBe("resolved");
    const follow = await loadOrder(db, w.companyId, res.followUpOrderId!);
    expect(follow).toMatchObject({ type: "repair", source: "staff", householdId: v.householdId });
    await expect(recordVisit(db, asA, input)).rejects.toMatchObject({ code: "conflict" });
    // bad input: translated field errors
    const bad = recordVisitSchema.safeParse({ visitId: v.id, notes: "", satisfaction: "9", createOrder: "on" });
    expect(bad.success).toBe(false);
    const fields = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(fields).toMatchObject({
      notes: "validation.required",
      satisfaction: "visits.errors.rating",
      issues: "visits.errors.issuesForOrder",
      orderType: "validation.required",
    });

    const cov = await visitCoverage(db, w.companyId, { from: "2026-10-01", to: "2026-12-31" });
    expect(cov.get(w.a.id)).toEqual({ households: 10, visited: 1 });
    expect(cov.get(w.b.id)).toEqual({ households: 7, visited: 0 });
    expect((await visitCoverage(db, w.companyId, { from: "2026-11-01", to: "2026-12-31" })).get(w.a.id)).toEqual({
      households: 10,
      visited: 0,
    });
    const report = await coverageReport(db, w.companyId, "2026Q4", { kind: "all" });
    expect(report.byButler.find((r) => r.id === w.a.id)).toMatchObject({
      households: 10,
      sampled: 3,
      visited: 1,
      coverage: 10,
    });
    expect(report.total).toMatchObject({ households: 17, sampled: 6, visited: 1 });
    // butler B's own view sees only their households
    const own = await coverageReport(db, w.companyId, "2026Q4", {
      kind: "some",
      butlerIds: [w.b.id],
      communityIds: [],
    });
    expect(own.byButler.map((r) => r.id)).toEqual([w.b.id]);
  });
});

describe("CRM-EW visit scopes", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("a supervisor sees their team's coverage and visits; other butlers, roles and companies do not", async () => {
    const w = await world(db);
    const sup = await createUser(db, w.companyId, ["supervisor"], "主管");
    await db
      .insert(supervisorButlers)
      .values({ companyId: w.companyId, butlerUserId: w.a.id, supervisorUserId: sup.id });
    await runVisitSampling(db, w.company, "2026-10-01", NOW);
    const [va] = (await visitRows(db, w.companyId)).filter((v) => v.butlerUserId === w.a.id);
    const supView = await loadRegistryView(db, w.companyId, { userId: sup.id, roles: ["supervisor"] });
    const report = await coverageReport(db, w.companyId, "2026Q4", supView);
    expect(report.byButler.map((r) => r.id)).toEqual([w.a.id]);
    expect(report.total.households).toBe(10);
    expect(await getVisit(db, w.companyId, { id: sup.id, roles: ["supervisor"] }, va.id)).not.toBeNull();
    expect(await getVisit(db, w.companyId, { id: w.a.id, roles: ["butler"] }, va.id)).not.toBeNull();
    expect(await getVisit(db, w.companyId, { id: w.b.id, roles: ["butler"] }, va.id)).toBeNull();
    const tech = await createUser(db, w.companyId, ["technician"], "维修");
    expect(await getVisit(db, w.companyId, { id: tech.id, roles: ["technician"] }, va.id)).toBeNull();
    const other = await createCompany(db);
    expect(await getVisit(db, other.companyId, { id: other.adminId, roles: ["admin"] }, va.id)).toBeNull();
    const otherReport = await coverageReport(db, other.companyId, "2026Q4", { kind: "all" });
    expect(otherReport.total).toMatchObject({ households: 0, sampled: 0 });
    await expect(
      recordVisit(
        db,
        { companyId: other.companyId, userId: other.adminId, roles: ["admin"] },
        recordVisitSchema.parse({ visitId: va.id, notes: "x", satisfaction: 3 }),
      ),
    ).rejects.toMatchObject({ code: "not_found" });
    // the supervisor's digest list holds only their team's butlers
    await runQuarterlySurvey(db, w.company, "2026-10-01", NOW);
    const [s] = await db.select().from(surveys).where(eq(surveys.companyId, w.companyId));
    expect((await digestButlers(db, w.companyId, s.id, supView)).map((b) => b.id)).toEqual([w.a.id]);
    expect(await surveyResults(db, other.companyId, s.id, "butler", { kind: "all" })).toEqual([]);
  });
});

describe("CRM-EW quarterly survey (§8.5)", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("is sent once per quarter to every household and notifies each linked resident", async () => {
    const w = await world(db);
    expect(await runQuarterlySurvey(db, w.company, "2026-09-30", NOW)).toEqual({
      surveysCreated: 0,
      surveyRecipients: 0,
      surveyDigests: 0,
    });
    const both = await Promise.all([
      runQuarterlySurvey(db, w.company, "2026-10-01", NOW),
      runQuarterlySurvey(db, w.company, "2026-10-01", NOW),
    ]);
    expect(both[0].surveysCreated + both[1].surveysCreated).toBe(1);
    expect(both[0].surveyRecipients + both[1].surveyRecipients).toBe(17);
    expect((await runQuarterlySurvey(db, w.company, "2026-10-02", NOW)).surveyRecipients).toBe(0);
    const [s] = await db.select().from(surveys).where(eq(surveys.companyId, w.companyId));
    expect(s).toMatchObject({ quarter: "2026Q4", opensOn: "2026-10-01", closesOn: "2026-12-31" });
    expect(s.sentAt).not.toBeNull();
    expect(await db.select().from(surveyRecipients).where(eq(surveyRecipients.surveyId, s.id))).toHaveLength(17);
    const inbox = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.companyId, w.companyId), eq(notifications.kind, "visits.surveySent")));
    expect(inbox.map((n) => n.userId).sort()).toEqual([w.r1.id, w.r2.id].sort());
    expect(inbox[0].href).toBe(`/surveys/${s.id}`);
    expect(inbox[0].payload).toEqual({ surveyId: s.id });
  });

  it("takes one answer per household, only from its residents, only while open; aggregates and digests", async () => {
    const w = await world(db);
    await runQuarterlySurvey(db, w.company, "2026-10-01", NOW);
    const [s] = await db.select().from(surveys).where(eq(surveys.companyId, w.companyId));
    const hA = w.estA.households[0].id;
    const hB = w.estB.households[0].id;
    const answer = (householdId: number, o: number[], comment?: string) =>
      surveyAnswerSchema.parse({
        surveyId: s.id,
        householdId,
        overall: o[0],
        butler: o[1],
        cleaning: o[2],
        security: o[3],
        maintenance: o[4],
        comment,
      });
    const r1 = { companyId: w.companyId, userId: w.r1.id };
    const r2 = { companyId: w.companyId, userId: w.r2.id };
    // another household's resident cannot answer for hA (nor see the survey as theirs)
    await expect(answerSurvey(db, r2, answer(hA, [5, 5, 5, 5, 5]), "2026-10-10")).rejects.toMatchObject({
      code: "not_found",
    });
    await answerSurvey(db, r1, answer(hA, [2, 1, 4, 5, 3], "管家很少露面"), "2026-10-10");
    await expect(answerSurvey(db, r1, answer(hA, [5, 5, 5, 5, 5]), "2026-10-11")).rejects.toMatchObject({
      message: "visits.errors.alreadyAnswered",
    });
    await answerSurvey(db, r2, answer(hB, [4, 5, 4, 3, 4]), "2026-10-12");
    await expect(answerSurvey(db, r2, answer(hB, [4, 5, 4, 3, 4]), "2027-01-02")).rejects.toMatchObject({
      code: "conflict",
    });
    // a company's survey is not reachable from another company's resident
    const other = await world(db);
    await expect(
      answerSurvey(db, { companyId: other.companyId, userId: other.r1.id }, answer(hA, [5, 5, 5, 5, 5]), "2026-10-10"),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await residentSurvey(db, other.companyId, other.r1.id, s.id, "2026-10-10")).toBeNull();
    expect(await db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, s.id))).toHaveLength(2);

    const byButler = await surveyResults(db, w.companyId, s.id, "butler", { kind: "all" });
    expect(byButler.find((r) => r.key === w.a.id)).toMatchObject({
      recipients: 10,
      responses: 1,
      responseRate: 10,
      means: { overall: 2, butler: 1, cleaning: 4, security: 5, maintenance: 3 },
    });
    expect(byButler.find((r) => r.key === w.b.id)).toMatchObject({
      recipients: 7,
      responses: 1,
      means: { overall: 4, security: 3 },
    });
    const byCommunity = await surveyResults(db, w.companyId, s.id, "community", {
      kind: "some",
      butlerIds: [w.b.id],
      communityIds: [],
    });
    expect(byCommunity).toHaveLength(1);
    expect(byCommunity[0]).toMatchObject({ key: w.estB.community.id, recipients: 7, responseRate: 14.3 });

    const digestA = await butlerDigest(db, w.companyId, s.id, w.a.id);
    expect(digestA).toHaveLength(1);
    expect(digestA[0]).toMatchObject({ householdId: hA, comment: "管家很少露面", lowAreas: ["overall", "butler"] });
    expect(await butlerDigest(db, w.companyId, s.id, w.b.id)).toHaveLength(0);

    // after the quarter: each butler with recipients is told once that the digest is ready
    const next = await runQuarterlySurvey(db, w.company, "2027-01-01", NOW);
    expect(next).toMatchObject({ surveysCreated: 1, surveyDigests: 2 });
    expect((await runQuarterlySurvey(db, w.company, "2027-01-01", NOW)).surveyDigests).toBe(0);
    const digests = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.companyId, w.companyId), eq(notifications.kind, "visits.surveyDigest")));
    expect(digests.map((d) => d.userId).sort()).toEqual([w.a.id, w.b.id].sort());
  });
});
