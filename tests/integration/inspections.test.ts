import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  buildingButlers,
  buildings,
  inspectionItems,
  inspections,
  technicianSkills,
  workOrderAttachments,
  workOrders,
} from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Db } from "@/lib/db/client";
import { DEFECT_DUE_HOURS, DEFECT_TEXT_KEY } from "@/lib/field/inspection-rules";
import { saveTemplate, submitInspection } from "@/lib/field/inspections";
import { computeKpis } from "@/lib/hr/kpi-queries";
import { createEstate, createUser } from "../support/fixtures";
import { monthlyQuality, qualitySummary } from "@/lib/field/inspection-queries";
import { inspectionWorld, upload } from "../support/inspections";
import { createTestDb } from "../support/test-db";

type World = Awaited<ReturnType<typeof inspectionWorld>>;

const NOW = new Date("2026-12-07T02:00:00Z");

function submit(
  db: Db,
  w: World,
  items: { score: number; defect?: boolean; note?: string }[],
  requestId: string = randomUUID(),
) {
  return submitInspection(
    db,
    { companyId: w.companyId, userId: w.supervisor.id },
    {
      requestId,
      communityId: w.community.id,
      areaId: w.area.id,
      templateId: w.template.id,
      items: items.map((i) => ({ defect: false, ...i })),
    },
    items.map(() => [upload()]),
    NOW,
  );
}

async function ordersOf(db: Db, companyId: number) {
  return db.select().from(workOrders).where(eq(workOrders.companyId, companyId));
}

describe("quality inspections", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("an inspection with two defects creates exactly two orders to the items' teams, with photos, audited", async () => {
    const w = await inspectionWorld(db);
    const r = await submit(db, w, [
      { score: 4, defect: true, note: "地面有水渍" },
      { score: 10 },
      { score: 2, defect: true, note: "无人值守" },
    ]);
    expect(r.duplicate).toBe(false);
    const orders = await ordersOf(db, w.companyId);
    expect(orders.map((o) => [o.type, o.textKey, o.communityId]).sort()).toEqual([
      ["cleaning", DEFECT_TEXT_KEY, w.community.id],
      ["security", DEFECT_TEXT_KEY, w.community.id],
    ]);
    for (const o of orders) expect(o.resolveDueAt!.getTime() - NOW.getTime()).toBe(DEFECT_DUE_HOURS * 3600_000);
    expect(orders.find((o) => o.type === "cleaning")!.textParams).toMatchObject({
      place: "1栋大堂",
      item: "地面清洁",
      note: "地面有水渍",
    });
    const photos = await db
      .select()
      .from(workOrderAttachments)
      .where(
        inArray(
          workOrderAttachments.workOrderId,
          orders.map((o) => o.id),
        ),
      );
    expect(photos.length).toBe(2);
    const [row] = await db.select().from(inspections).where(eq(inspections.id, r.id));
    expect([row.score, row.maxScore, row.defects, row.month]).toEqual([16, 25, 2, "2026-12"]);
    const items = await db.select().from(inspectionItems).where(eq(inspectionItems.inspectionId, r.id));
    expect(
      items
        .filter((i) => i.workOrderId)
        .map((i) => i.seq)
        .sort(),
    ).toEqual([1, 3]);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.companyId, w.companyId), eq(auditLog.action, "inspection.submit")));
    expect(audit.map((a) => a.entityId)).toEqual([String(r.id)]);
  });

  it("a double submit (again, or twice at once) records nothing more", async () => {
    const w = await inspectionWorld(db);
    const items = [{ score: 3, defect: true, note: "脏" }, { score: 10 }, { score: 5 }];
    const first = await submit(db, w, items, "req-twice-1");
    const again = await submit(db, w, items, "req-twice-1");
    expect(again).toEqual({ id: first.id, orders: [], duplicate: true });
    const both = await Promise.all([submit(db, w, items, "req-twice-2"), submit(db, w, items, "req-twice-2")]);
    expect(new Set(both.map((b) => b.id)).size).toBe(1);
    expect(both.filter((b) => !b.duplicate).length).toBe(1);
    expect((await db.select().from(inspections).where(eq(inspections.companyId, w.companyId))).length).toBe(2);
    expect((await ordersOf(db, w.companyId)).length).toBe(2);
  });

  it("bad scores or a defect without a note are refused at the item, and nothing is written", async () => {
    const w = await inspectionWorld(db);
    const err = await submit(db, w, [{ score: 11 }, { score: 1, defect: true }, { score: 5 }]).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).fieldErrors).toEqual({
      "items.0": ["field.inspect.badScore"],
      "items.1": ["field.inspect.defectNote"],
    });
    const short = await submit(db, w, [{ score: 1 }]).catch((e) => e);
    expect((short as AppError).fieldErrors).toEqual({ items: ["field.inspect.itemsMismatch"] });
    expect((await db.select().from(inspections).where(eq(inspections.companyId, w.companyId))).length).toBe(0);
    expect((await ordersOf(db, w.companyId)).length).toBe(0);
  });

  it("another company's template, community or area cannot be inspected, and its scores are not seen", async () => {
    const w = await inspectionWorld(db);
    const actor = { companyId: w.companyId, userId: w.supervisor.id };
    const base = { requestId: randomUUID(), communityId: w.community.id, areaId: null, templateId: w.template.id };
    const items = [{ score: 1, defect: false }];
    const attempts = [
      { ...base, templateId: w.other.template.id },
      { ...base, communityId: w.other.community.id },
      { ...base, areaId: 999_999 },
    ];
    for (const input of attempts) {
      const e = await submitInspection(db, actor, { ...input, items }).catch((x) => x);
      expect((e as AppError).code).toBe("not_found");
    }
    await submitInspection(
      db,
      { companyId: w.other.companyId, userId: w.other.adminId },
      { ...base, communityId: w.other.community.id, templateId: w.other.template.id, items },
      [],
      NOW,
    );
    expect(await monthlyQuality(db, w.companyId, ["2026-12"])).toEqual({ byCommunity: [], byTeam: [] });
    expect(await qualitySummary(db, w.companyId, "2026-12")).toEqual({ pct: null, openDefects: 0 });
  });

  it("the monthly score per community and team equals a recomputation from the raw rows", async () => {
    const w = await inspectionWorld(db);
    await submit(db, w, [{ score: 4, defect: true, note: "脏" }, { score: 7 }, { score: 5 }]);
    await submit(db, w, [{ score: 10 }, { score: 2, defect: true, note: "灯坏" }, { score: 3 }]);
    await submit(db, w, [{ score: 9 }, { score: 10 }, { score: 1, defect: true, note: "空岗" }]);
    const q = await monthlyQuality(db, w.companyId, ["2026-11", "2026-12"]);
    const raw = await db
      .select({ team: inspectionItems.team, score: inspectionItems.score, max: inspectionItems.maxScore })
      .from(inspectionItems)
      .where(eq(inspectionItems.companyId, w.companyId));
    const total = (rows: typeof raw) => ({
      score: rows.reduce((s, r) => s + r.score, 0),
      maxScore: rows.reduce((s, r) => s + r.max, 0),
    });
    const all = total(raw);
    expect(q.byCommunity).toEqual([
      {
        communityId: w.community.id,
        name: w.community.name,
        month: "2026-12",
        ...all,
        pct: Math.round((all.score * 1000) / all.maxScore) / 10,
      },
    ]);
    for (const team of ["cleaning", "engineering", "security"] as const) {
      const t = total(raw.filter((r) => r.team === team));
      expect(q.byTeam.find((r) => r.team === team)).toMatchObject({ month: "2026-12", ...t });
    }
    expect(all).toEqual({ score: 51, maxScore: 75 });
    expect(await qualitySummary(db, w.companyId, "2026-12")).toEqual({ pct: 68, openDefects: 3 });
  });

  it("feeds the HR KPI: butlers get customer service, technicians engineering, of the communities they work in", async () => {
    const w = await inspectionWorld(db);
    const [butler, farButler, tech] = await Promise.all([
      createUser(db, w.companyId, ["butler"], "管家甲"),
      createUser(db, w.companyId, ["butler"], "管家乙"),
      createUser(db, w.companyId, ["technician"], "维修甲"),
    ]);
    // The butler's building is in the inspected community; the other butler's in a second one.
    const { building } = await createEstate(db, w.companyId, { n: 1, butlerId: farButler.id });
    await db
      .insert(technicianSkills)
      .values({ companyId: w.companyId, userId: tech.id, category: "electrical", communityId: null });
    const [home] = await db
      .insert(buildings)
      .values({ companyId: w.companyId, communityId: w.community.id, code: "KPI", name: "KPI栋" })
      .returning();
    await db.insert(buildingButlers).values({ companyId: w.companyId, buildingId: home.id, butlerUserId: butler.id });
    expect(building.communityId).not.toBe(w.community.id);
    const tpl = await saveTemplate(
      db,
      { companyId: w.companyId, userId: w.adminId },
      {
        name: "客服巡检",
        areaKind: "facilities",
        active: true,
        items: [
          { label: "前台", maxScore: 10, team: "customer_service" },
          { label: "设备", maxScore: 10, team: "engineering" },
        ],
      },
    );
    for (const [cs, eng] of [
      [6, 10],
      [9, 5],
    ])
      await submitInspection(
        db,
        { companyId: w.companyId, userId: w.supervisor.id },
        {
          requestId: randomUUID(),
          communityId: w.community.id,
          areaId: null,
          templateId: tpl.id,
          items: [
            { score: cs, defect: false },
            { score: eng, defect: false },
          ],
        },
        [],
        NOW,
      );
    const butlers = await computeKpis(db, w.companyId, "butler", "2026-12", "Asia/Shanghai", [butler.id, farButler.id]);
    expect(butlers.get(butler.id)?.inspectionPct).toBe(75);
    expect(butlers.get(farButler.id)?.inspectionPct).toBeNull();
    const techs = await computeKpis(db, w.companyId, "technician", "2026-12", "Asia/Shanghai", [tech.id]);
    // Engineering items: the world's template's lighting item is not inspected here; 15 of 20.
    expect(techs.get(tech.id)?.inspectionPct).toBe(75);
    const november = await computeKpis(db, w.companyId, "butler", "2026-11", "Asia/Shanghai", [butler.id]);
    expect(november.get(butler.id)?.inspectionPct).toBeNull();
  });
});
