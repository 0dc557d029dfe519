import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, notifications, workOrderAssignees } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import {
  createEquipment,
  createPlan,
  markAllRead,
  markRead,
  saveArticle,
  setSkills,
  setSla,
} from "@/lib/tickets/catalog";
import { redispatchOrder } from "@/lib/tickets/dispatch";
import { planSchema, slaSchema } from "@/lib/tickets/schemas";
import { submitResidentRequest } from "@/lib/tickets/submit";
import { createTestDb } from "../support/test-db";
import { ticketWorld } from "../support/tickets";

describe("tickets reference data", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("technician skills set by the admin decide who gets a repair; audited; other companies refused", async () => {
    const w = await ticketWorld(db, { techs: [[], []] });
    const admin = { companyId: w.companyId, userId: w.adminId };
    const unitId = w.estate.units[0].id;
    const none = await submitResidentRequest(db, w.as.resident, {
      type: "repair",
      unitId,
      repairCategory: "elevator",
      description: "电梯异响",
    });
    expect(none.status).toBe("submitted");
    await expect(redispatchOrder(db, w.as.frontDesk, none.id)).rejects.toMatchObject({
      code: "conflict",
      message: "tickets.errors.nobodyToDispatch",
    });
    expect((await db.select().from(workOrderAssignees).where(eq(workOrderAssignees.workOrderId, none.id))).length).toBe(
      0,
    );
    await setSkills(db, admin, { userId: w.technicians[1].id, categories: ["elevator", "electrical"] });
    const o = await submitResidentRequest(db, w.as.resident, {
      type: "repair",
      unitId,
      repairCategory: "elevator",
      description: "电梯异响",
    });
    const [a] = await db.select().from(workOrderAssignees).where(eq(workOrderAssignees.workOrderId, o.id));
    expect(a.userId).toBe(w.technicians[1].id);
    // the order nobody could take is dispatched again once someone has the skill
    const again = await redispatchOrder(db, w.as.frontDesk, none.id);
    expect(again.status).toBe("assigned");
    await expect(redispatchOrder(db, w.as.frontDesk, none.id)).rejects.toMatchObject({ code: "conflict" });
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.companyId, w.companyId), eq(auditLog.action, "technician.skills")));
    expect(entry.after).toEqual(["elevator", "electrical"]);
    // a non-technician, or someone of another company: not found
    await expect(setSkills(db, admin, { userId: w.butler.id, categories: ["plumbing"] })).rejects.toMatchObject({
      code: "not_found",
    });
    const other = await ticketWorld(db);
    await expect(
      setSkills(db, admin, { userId: other.technicians[0].id, categories: ["plumbing"] }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("equipment and plans stay inside the company; plan input is validated", async () => {
    const w = await ticketWorld(db, { techs: [] });
    const other = await ticketWorld(db, { techs: [] });
    const admin = { companyId: w.companyId, userId: w.adminId };
    await expect(
      createEquipment(db, admin, {
        communityId: other.estate.community.id,
        name: "泵",
        kind: "pump",
        location: undefined,
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    const e = await createEquipment(db, admin, {
      communityId: w.estate.community.id,
      name: "1号泵",
      kind: "pump",
      location: "泵房",
    });
    const bad = planSchema.safeParse({
      equipmentId: e.id,
      title: "季保",
      every: "0",
      interval: "month",
      startDate: "2026-13",
      checklist: "  \n ",
    });
    expect(bad.success).toBe(false);
    expect(Object.fromEntries(bad.error!.issues.map((i) => [i.path[0], i.message]))).toMatchObject({
      every: "tickets.errors.every",
      startDate: "tickets.errors.date",
      checklist: "tickets.errors.checklistRequired",
    });
    const plan = await createPlan(
      db,
      admin,
      planSchema.parse({
        equipmentId: e.id,
        title: "季保",
        every: "3",
        interval: "month",
        startDate: "2026-01-01",
        checklist: "检查密封\n清洗过滤器\n",
      }),
    );
    expect(plan.checklist).toEqual(["检查密封", "清洗过滤器"]);
    await expect(
      createPlan(
        db,
        { companyId: other.companyId, userId: other.adminId },
        planSchema.parse({
          equipmentId: e.id,
          title: "x",
          every: 1,
          interval: "day",
          startDate: "2026-01-01",
          checklist: "a",
        }),
      ),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("knowledge-base articles: edits stay inside the company", async () => {
    const w = await ticketWorld(db, { techs: [] });
    const other = await ticketWorld(db, { techs: [] });
    const { id } = await saveArticle(
      db,
      { companyId: w.companyId, userId: w.adminId },
      { title: "报修流程", category: "procedure", body: "……", workOrderTypes: ["repair"], public: true, id: undefined },
    );
    await expect(
      saveArticle(
        db,
        { companyId: other.companyId, userId: other.adminId },
        { id, title: "改", category: "faq", body: "x", workOrderTypes: [], public: false },
      ),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("mark all read touches only the caller's inbox", async () => {
    const w = await ticketWorld(db);
    await submitResidentRequest(db, w.as.resident, { type: "inquiry", unitId: w.estate.units[0].id, description: "?" });
    await submitResidentRequest(db, w.as.resident, {
      type: "repair",
      unitId: w.estate.units[0].id,
      repairCategory: "plumbing",
      description: "漏水",
    });
    await markAllRead(db, { companyId: w.companyId, userId: w.butler.id });
    const rows = await db.select().from(notifications).where(eq(notifications.companyId, w.companyId));
    expect(rows.filter((r) => r.userId === w.butler.id).length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.userId === w.butler.id).every((r) => r.readAt)).toBe(true);
    expect(rows.filter((r) => r.userId !== w.butler.id).some((r) => !r.readAt)).toBe(true);
    const [techNote] = await db.select().from(notifications).where(eq(notifications.userId, w.technicians[0].id));
    // another user's notification id changes nothing; the owner's is marked
    await markRead(db, { companyId: w.companyId, userId: w.butler.id }, techNote.id);
    expect((await db.select().from(notifications).where(eq(notifications.id, techNote.id)))[0].readAt).toBeNull();
    await markRead(db, { companyId: w.companyId, userId: w.technicians[0].id }, techNote.id);
    expect((await db.select().from(notifications).where(eq(notifications.id, techNote.id)))[0].readAt).not.toBeNull();
  });
});

describe("SLA settings", () => {
  it("a company's override sets the deadlines of new orders; the defaults apply elsewhere", async () => {
    const db = (await createTestDb()).db;
    const w = await ticketWorld(db);
    const other = await ticketWorld(db);
    await setSla(
      db,
      { companyId: w.companyId, userId: w.adminId },
      { type: "repair", severity: "normal", acceptMinutes: 20, resolveMinutes: 240 },
    );
    await setSla(
      db,
      { companyId: w.companyId, userId: w.adminId },
      { type: "repair", severity: "normal", acceptMinutes: 30, resolveMinutes: 300 },
    );
    const mine = await submitResidentRequest(db, w.as.resident, {
      type: "repair",
      unitId: w.estate.units[0].id,
      repairCategory: "plumbing",
      description: "漏水",
    });
    expect(mine.acceptDueAt!.getTime() - mine.createdAt.getTime()).toBe(30 * 60_000);
    expect(mine.resolveDueAt!.getTime() - mine.createdAt.getTime()).toBe(300 * 60_000);
    const theirs = await submitResidentRequest(db, other.as.resident, {
      type: "repair",
      unitId: other.estate.units[0].id,
      repairCategory: "plumbing",
      description: "漏水",
    });
    expect(theirs.acceptDueAt!.getTime() - theirs.createdAt.getTime()).toBe(60 * 60_000);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.companyId, w.companyId), eq(auditLog.action, "sla.set")));
    expect(audits.map((a) => a.after)).toEqual([
      { acceptMinutes: 20, resolveMinutes: 240 },
      { acceptMinutes: 30, resolveMinutes: 300 },
    ]);
    expect(
      slaSchema.safeParse({ type: "repair", severity: "normal", acceptMinutes: 60, resolveMinutes: 30 }).error
        ?.issues[0],
    ).toMatchObject({
      path: ["resolveMinutes"],
      message: "tickets.errors.resolveBeforeAccept",
    });
  });
});
