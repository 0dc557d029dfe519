import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications, workOrderAssignees, workOrderAttachments, workOrderEvents, workOrders } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { canSeeOrder, loadOrderScope } from "@/lib/tickets/access";
import { resolveStoredPath } from "@/lib/tickets/attachments";
import { acceptOrder, cancelOrder, closeOrder, confirmOrder, reopenOrder, startOrder } from "@/lib/tickets/commands";
import { triageComplaint } from "@/lib/flows/triage-complaint";
import { createOrder } from "@/lib/tickets/create";
import { loadOrder } from "@/lib/tickets/orders";
import { triageSchema } from "@/lib/tickets/schemas";
import { intakeOrder, reportEmergency, resolveWithPhotos, submitResidentRequest } from "@/lib/tickets/submit";
import { createTestDb } from "../support/test-db";
import { fakeFile, JPEG, PNG, ticketWorld } from "../support/tickets";

const uploads = fs.mkdtempSync(path.join(os.tmpdir(), "guanjia-uploads-"));
process.env.UPLOADS_DIR = uploads;
afterAll(() => fs.rmSync(uploads, { recursive: true, force: true }));

async function assignees(db: Db, orderId: number) {
  return db
    .select()
    .from(workOrderAssignees)
    .where(eq(workOrderAssignees.workOrderId, orderId))
    .orderBy(workOrderAssignees.id);
}
async function events(db: Db, orderId: number) {
  return db.select().from(workOrderEvents).where(eq(workOrderEvents.workOrderId, orderId)).orderBy(workOrderEvents.id);
}
async function inbox(db: Db, userId: number) {
  return db.select().from(notifications).where(eq(notifications.userId, userId));
}
const rejects = (p: Promise<unknown>, code: string, message?: string) =>
  expect(p).rejects.toMatchObject(message ? { code, message } : { code });

describe("work orders", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("a resident's repair goes to the least-loaded plumber; accept, start, resolve with after-photo, rate, close", async () => {
    const w = await ticketWorld(db);
    const unitId = w.estate.units[0].id;
    const o = await submitResidentRequest(
      db,
      w.as.resident,
      { type: "repair", unitId, repairCategory: "plumbing", description: "厨房漏水" },
      [fakeFile(PNG)],
    );
    expect(o).toMatchObject({
      status: "assigned",
      source: "resident",
      householdId: w.estate.households[0].id,
      communityId: w.estate.community.id,
    });
    const [a] = await assignees(db, o.id);
    expect(a).toMatchObject({ userId: w.technicians[0].id, role: "technician", acceptedAt: null });
    expect(o.acceptDueAt!.getTime() - o.createdAt.getTime()).toBe(60 * 60_000);
    expect(await inbox(db, w.technicians[0].id)).toHaveLength(1);

    // the second plumber is now the least loaded
    const o2 = await submitResidentRequest(db, w.as.resident, {
      type: "repair",
      unitId,
      repairCategory: "plumbing",
      description: "卫生间漏水",
    });
    expect((await assignees(db, o2.id))[0].userId).toBe(w.technicians[1].id);

    // somebody not dispatched cannot accept: one who cannot even see the order is told it does
    // not exist (no existence leak); one who can see it (the supervisor) is told it is not theirs
    await rejects(acceptOrder(db, w.as.tech(2), o.id), "not_found");
    await rejects(acceptOrder(db, w.as.supervisor, o.id), "forbidden", "tickets.errors.notAssignee");
    await rejects(closeOrder(db, w.as.tech(0), o.id), "conflict", "tickets.errors.illegalTransition");
    await acceptOrder(db, w.as.tech(0), o.id);
    await rejects(acceptOrder(db, w.as.tech(0), o.id), "conflict");
    await startOrder(db, w.as.tech(0), o.id);
    await resolveWithPhotos(db, w.as.tech(0), { id: o.id, note: "换了阀门", checklistDone: [] }, [fakeFile(JPEG)]);
    const photos = await db
      .select()
      .from(workOrderAttachments)
      .where(eq(workOrderAttachments.workOrderId, o.id))
      .orderBy(workOrderAttachments.id);
    expect(photos.map((p) => [p.kind, p.mime])).toEqual([
      ["before", "image/png"],
      ["after", "image/jpeg"],
    ]);
    expect(fs.existsSync(resolveStoredPath(photos[1].storedPath))).toBe(true);
    expect(await inbox(db, w.resident.id)).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: "order.resolved" })]),
    );

    await rejects(
      confirmOrder(db, w.as.resident, { id: o.id, rating: 5, comment: undefined }).then(() =>
        confirmOrder(db, w.as.resident, { id: o.id, rating: 5, comment: undefined }),
      ),
      "conflict",
    );
    const done = await loadOrder(db, w.companyId, o.id);
    expect(done).toMatchObject({ status: "closed", rating: 5 });
    expect((await events(db, o.id)).map((e) => [e.action, e.toStatus])).toEqual([
      ["submit", "submitted"],
      ["dispatch", "assigned"],
      ["accept", "accepted"],
      ["start", "in_progress"],
      ["resolve", "resolved"],
      ["confirm", "confirmed"],
      ["close", "closed"],
    ]);
    const ev = await events(db, o.id);
    expect(ev[2].actorUserId).toBe(w.technicians[0].id);
    expect(ev[6].actorUserId).toBeNull();
  });

  it("reopen sends the order back to its assignees, who accept again", async () => {
    const w = await ticketWorld(db);
    const o = await submitResidentRequest(db, w.as.resident, {
      type: "inquiry",
      unitId: w.estate.units[0].id,
      description: "停车费怎么交？",
    });
    expect((await assignees(db, o.id)).map((a) => [a.userId, a.role])).toEqual([[w.butler.id, "butler"]]);
    await acceptOrder(db, w.as.butler, o.id);
    await resolveWithPhotos(db, w.as.butler, { id: o.id, note: "已电话答复", checklistDone: [] });
    await reopenOrder(db, w.as.resident, { id: o.id, reason: "没说清楚" });
    expect(await loadOrder(db, w.companyId, o.id)).toMatchObject({ status: "assigned", reopenCount: 1 });
    expect((await assignees(db, o.id))[0].acceptedAt).toBeNull();
    await acceptOrder(db, w.as.butler, o.id);
    expect((await loadOrder(db, w.companyId, o.id)).status).toBe("accepted");
  });

  it("a major complaint is triaged by front desk and accepted by butler, supervisor and project manager separately", async () => {
    const w = await ticketWorld(db);
    const o = await submitResidentRequest(db, w.as.resident, {
      type: "complaint",
      unitId: w.estate.units[0].id,
      description: "保安态度恶劣",
    });
    expect(o.status).toBe("submitted");
    expect(await assignees(db, o.id)).toHaveLength(0);

    // points outside the range (the company's published CRM-EW rules): a field error, nothing written
    expect(triageSchema.safeParse({ id: o.id, classification: "major", points: 5 }).error?.issues[0]).toMatchObject({
      path: ["points"],
      message: "tickets.errors.pointsOutOfRange",
    });
    await expect(
      triageComplaint(db, w.as.frontDesk, triageSchema.parse({ id: o.id, classification: "major", points: -5 })),
    ).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { points: ["tickets.errors.pointsOutOfRange"] },
    });
    expect((await loadOrder(db, w.companyId, o.id)).status).toBe("submitted");

    const now = new Date("2026-03-01T08:00:00Z");
    const hook = await triageComplaint(
      db,
      w.as.frontDesk,
      triageSchema.parse({ id: o.id, classification: "major", points: -20 }),
      now,
    );
    expect(hook).toMatchObject({
      workOrderId: o.id,
      householdId: w.estate.households[0].id,
      classification: "major",
      points: -20,
    });
    const t = await loadOrder(db, w.companyId, o.id);
    expect(t).toMatchObject({
      status: "assigned",
      classification: "major",
      points: -20,
      severity: "critical",
      followUp: "report_back",
    });
    expect(t.acceptDueAt!.toISOString()).toBe("2026-03-01T08:15:00.000Z");
    expect(t.resolveDueAt!.toISOString()).toBe("2026-03-02T08:00:00.000Z");
    expect((await assignees(db, o.id)).map((a) => [a.userId, a.role])).toEqual([
      [w.butler.id, "butler"],
      [w.supervisor.id, "supervisor"],
      [w.pm.id, "project_manager"],
    ]);
    await acceptOrder(db, w.as.butler, o.id);
    await acceptOrder(db, w.as.supervisor, o.id);
    expect((await loadOrder(db, w.companyId, o.id)).status).toBe("assigned");
    expect((await assignees(db, o.id)).map((a) => a.acceptedAt != null)).toEqual([true, true, false]);
    await acceptOrder(db, w.as.pm, o.id);
    expect((await loadOrder(db, w.companyId, o.id)).status).toBe("accepted");
    await rejects(
      triageComplaint(db, w.as.frontDesk, triageSchema.parse({ id: o.id, classification: "major", points: -20 })),
      "conflict",
    );
  });

  it.each([
    ["invalid", -1, ["butler"], "explain"],
    ["general", -3, ["butler"], "report_back"],
    ["medium", -8, ["butler", "supervisor"], "report_back"],
  ] as const)("a %s complaint goes to %j", async (classification, points, roles, followUp) => {
    const w = await ticketWorld(db, { techs: [] });
    const o = await intakeOrder(db, w.as.frontDesk, {
      type: "complaint",
      channel: "phone",
      householdId: w.estate.households[1].id,
      severity: "normal",
      description: "噪音",
      repairCategory: undefined,
    });
    expect(o.source).toBe("front_desk");
    await triageComplaint(db, w.as.supervisor, { id: o.id, classification, points });
    expect((await assignees(db, o.id)).map((a) => a.role)).toEqual(roles);
    expect((await loadOrder(db, w.companyId, o.id)).followUp).toBe(followUp);
  });

  it("suggestions become explain orders for the butler; other types go to the butler", async () => {
    const w = await ticketWorld(db, { techs: [] });
    const s = await submitResidentRequest(db, w.as.resident, {
      type: "suggestion",
      unitId: w.estate.units[0].id,
      description: "增加儿童游乐设施",
    });
    expect(s).toMatchObject({ status: "assigned", followUp: "explain" });
    const c = await intakeOrder(db, w.as.butler, {
      type: "cleaning",
      channel: "staff",
      householdId: w.estate.households[2].id,
      severity: "normal",
      description: "楼道垃圾",
    });
    expect(c.source).toBe("staff");
    expect((await assignees(db, c.id)).map((a) => a.userId)).toEqual([w.butler.id]);
    // a repair nobody can do stays unassigned, with a timeline note
    const r = await submitResidentRequest(db, w.as.resident, {
      type: "repair",
      unitId: w.estate.units[0].id,
      repairCategory: "elevator",
      description: "电梯异响",
    });
    expect(r.status).toBe("submitted");
    expect((await events(db, r.id)).map((e) => e.action)).toEqual(["submit", "dispatch_failed"]);
  });

  it("an emergency notifies the community's supervisor and project manager at once; the closing report resolves it", async () => {
    const w = await ticketWorld(db, { techs: [] });
    const o = await reportEmergency(db, w.as.butler, {
      communityId: w.estate.community.id,
      location: "2号楼地下车库",
      severity: "critical",
      description: "水管爆裂",
    });
    expect((await assignees(db, o.id)).map((a) => [a.userId, a.role])).toEqual([
      [w.supervisor.id, "supervisor"],
      [w.pm.id, "project_manager"],
    ]);
    expect((await inbox(db, w.pm.id)).map((n) => n.kind)).toEqual(["emergency.reported"]);
    expect(o.acceptDueAt!.getTime() - o.createdAt.getTime()).toBe(5 * 60_000);
    await acceptOrder(db, w.as.supervisor, o.id);
    await acceptOrder(db, w.as.pm, o.id);
    await resolveWithPhotos(db, w.as.supervisor, {
      id: o.id,
      note: "关闭总阀，更换管段，已恢复供水",
      checklistDone: [],
    });
    expect(await loadOrder(db, w.companyId, o.id)).toMatchObject({
      status: "resolved",
      resolutionNote: "关闭总阀，更换管段，已恢复供水",
    });
    await closeOrder(db, w.as.pm, o.id);
    // the reporting butler follows the incident, though not dispatched to it
    const scope = await loadOrderScope(db, w.companyId, { id: w.butler.id, roles: ["butler"] });
    expect(await canSeeOrder(db, w.companyId, scope, o.id)).toBe(true);
    const techScope = await loadOrderScope(db, w.companyId, {
      id: w.technicians[0]?.id ?? w.frontDesk.id,
      roles: ["technician"],
    });
    expect(await canSeeOrder(db, w.companyId, techScope, o.id)).toBe(false);
  });

  it("cancel needs a reason; illegal transitions write nothing", async () => {
    const w = await ticketWorld(db);
    const o = await submitResidentRequest(db, w.as.resident, {
      type: "repair",
      unitId: w.estate.units[0].id,
      repairCategory: "electrical",
      description: "跳闸",
    });
    const before = (await events(db, o.id)).length;
    await rejects(startOrder(db, w.as.tech(2), o.id), "conflict", "tickets.errors.illegalTransition");
    await rejects(confirmOrder(db, w.as.resident, { id: o.id, rating: 4, comment: undefined }), "conflict");
    expect(await events(db, o.id)).toHaveLength(before);
    await cancelOrder(db, w.as.resident, { id: o.id, reason: "自己修好了" });
    expect(await loadOrder(db, w.companyId, o.id)).toMatchObject({ status: "cancelled", cancelReason: "自己修好了" });
    await rejects(acceptOrder(db, w.as.tech(2), o.id), "conflict");
  });

  it("residents: only their own units and orders (tampered ids → not_found, nothing written)", async () => {
    const w = await ticketWorld(db);
    const other = await ticketWorld(db);
    const files = () => fs.readdirSync(uploads, { recursive: true }).filter((f) => String(f).includes(".")).length;
    const filesBefore = files();
    const [{ n: before }] = await db
      .select({ n: count() })
      .from(workOrders)
      .where(eq(workOrders.companyId, w.companyId));
    // another household's unit in the same company, and a unit of another company
    await rejects(
      submitResidentRequest(db, w.as.resident, { type: "repair", unitId: w.estate.units[1].id, description: "x" }, [
        fakeFile(PNG),
      ]),
      "not_found",
    );
    await rejects(
      submitResidentRequest(db, w.as.resident, { type: "repair", unitId: other.estate.units[0].id, description: "x" }),
      "not_found",
    );
    const [{ n: after }] = await db
      .select({ n: count() })
      .from(workOrders)
      .where(eq(workOrders.companyId, w.companyId));
    expect(after).toBe(before);
    expect(files()).toBe(filesBefore);

    const theirs = await submitResidentRequest(db, other.as.resident, {
      type: "inquiry",
      unitId: other.estate.units[0].id,
      description: "?",
    });
    const mine = await submitResidentRequest(db, w.as.resident, {
      type: "inquiry",
      unitId: w.estate.units[0].id,
      description: "?",
    });
    const scope = await loadOrderScope(db, w.companyId, { id: w.resident.id, roles: ["resident"] });
    expect(await canSeeOrder(db, w.companyId, scope, mine.id)).toBe(true);
    expect(await canSeeOrder(db, w.companyId, scope, theirs.id)).toBe(false);
    // another company's order id, through this company: not found
    await rejects(loadOrder(db, w.companyId, theirs.id), "not_found");
    await rejects(cancelOrder(db, { ...w.as.resident }, { id: theirs.id, reason: "x" }), "not_found");
    await rejects(acceptOrder(db, w.as.butler, theirs.id), "not_found");

    // a technician sees only what is dispatched to them
    const techScope = await loadOrderScope(db, w.companyId, { id: w.technicians[0].id, roles: ["technician"] });
    expect(await canSeeOrder(db, w.companyId, techScope, mine.id)).toBe(false);
    const butlerScope = await loadOrderScope(db, w.companyId, { id: w.butler.id, roles: ["butler"] });
    expect(await canSeeOrder(db, w.companyId, butlerScope, mine.id)).toBe(true);
  });

  it("photos: at most 6, at most 10 MB, images by content only — refused before anything is written", async () => {
    const w = await ticketWorld(db);
    const input = {
      type: "repair" as const,
      unitId: w.estate.units[0].id,
      repairCategory: "plumbing" as const,
      description: "漏水",
    };
    const count0 = async () =>
      (await db.select({ n: count() }).from(workOrders).where(eq(workOrders.companyId, w.companyId)))[0].n;
    const n0 = await count0();
    await rejects(
      submitResidentRequest(
        db,
        w.as.resident,
        input,
        Array.from({ length: 7 }, () => fakeFile(PNG)),
      ),
      "validation",
    );
    await expect(
      submitResidentRequest(db, w.as.resident, input, [fakeFile(PNG, 50 * 1024 * 1024)]),
    ).rejects.toMatchObject({
      fieldErrors: { photos: ["tickets.errors.fileTooLarge"] },
    });
    await expect(
      submitResidentRequest(db, w.as.resident, input, [fakeFile(Buffer.from("%PDF-1.7 not an image"))]),
    ).rejects.toMatchObject({
      fieldErrors: { photos: ["tickets.errors.notAnImage"] },
    });
    expect(await count0()).toBe(n0);
    const o = await submitResidentRequest(
      db,
      w.as.resident,
      input,
      Array.from({ length: 6 }, () => fakeFile(PNG)),
    );
    await acceptOrder(db, w.as.tech(0), o.id);
    // the order already holds 6: an after-photo would be the 7th
    await expect(
      resolveWithPhotos(db, w.as.tech(0), { id: o.id, note: undefined, checklistDone: [] }, [fakeFile(JPEG)]),
    ).rejects.toMatchObject({
      fieldErrors: { photos: ["tickets.errors.tooManyPhotos"] },
    });
    expect((await loadOrder(db, w.companyId, o.id)).status).toBe("accepted");
    const rows = await db
      .select()
      .from(workOrderAttachments)
      .where(and(eq(workOrderAttachments.workOrderId, o.id)));
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.storedPath)).size).toBe(6);
  });

  it("staff create orders of every type without a household (system)", async () => {
    const w = await ticketWorld(db, { techs: [] });
    const o = await createOrder(
      db,
      { companyId: w.companyId, userId: null },
      { type: "security", source: "system", communityId: w.estate.community.id, description: "巡查" },
    );
    expect(o.status).toBe("submitted"); // no household, no butler: left for manual handling
  });
});
