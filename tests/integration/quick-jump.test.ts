import { beforeAll, describe, expect, it } from "vitest";
import { crmNotices, householdContacts, workOrderAssignees, workOrders } from "@/db/schema";
import type { Role } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";
import { quickJump } from "@/lib/portal/jump/queries";
import { JUMP_HOUSEHOLD_LIMIT } from "@/lib/portal/jump/rules";
import { createCompany, createEstate, createUser, randomPhone } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

/**
 * Company A: two butlers with an estate each, a technician assigned one order of estate 1, an HR
 * clerk and the admin; a notice for a household of each estate. Company B: the same shapes, with
 * the same household names and numbers where it can. Every quick jump stays in its company and
 * the viewer's scope.
 */
async function world(db: Db) {
  const a = await createCompany(db);
  const b = await createCompany(db);
  const user = (companyId: number, roles: Role[]) => createUser(db, companyId, roles, "员工");
  const [b1, b2, tech, hr, bb] = await Promise.all([
    user(a.companyId, ["butler"]),
    user(a.companyId, ["butler"]),
    user(a.companyId, ["technician"]),
    user(a.companyId, ["hr"]),
    user(b.companyId, ["butler"]),
  ]);
  const e1 = await createEstate(db, a.companyId, { n: 3, butlerId: b1.id });
  const e2 = await createEstate(db, a.companyId, { n: 2, butlerId: b2.id });
  const eb = await createEstate(db, b.companyId, { n: 2, butlerId: bb.id });
  const phone = randomPhone();
  await db.insert(householdContacts).values({
    companyId: a.companyId,
    householdId: e1.households[1].id,
    name: "联系人",
    phone,
    isPrimary: true,
  });
  const order = (companyId: number, e: typeof e1) => ({
    companyId,
    type: "repair" as const,
    source: "staff" as const,
    householdId: e.households[0].id,
    unitId: e.units[0].id,
    communityId: e.community.id,
    description: "水管漏水",
    status: "assigned" as const,
  });
  const [o1, o2, ob] = await db
    .insert(workOrders)
    .values([order(a.companyId, e1), order(a.companyId, e2), order(b.companyId, eb)])
    .returning();
  await db.insert(workOrderAssignees).values({
    companyId: a.companyId,
    workOrderId: o1.id,
    userId: tech.id,
    role: "technician",
    assignedAt: new Date(),
  });
  const notice = (companyId: number, householdId: number, seq: number) => ({
    companyId,
    householdId,
    kind: "reminder" as const,
    year: 2026,
    seq,
    number: `催-2026-${String(seq).padStart(6, "0")}`,
    issuedOn: "2026-03-01",
    snapshot: { months: [], totalFen: 0, monthsInArrears: 0 },
  });
  const [n1, n2] = await db
    .insert(crmNotices)
    .values([notice(a.companyId, e1.households[0].id, 7), notice(a.companyId, e2.households[0].id, 8)])
    .returning();
  await db.insert(crmNotices).values(notice(b.companyId, eb.households[0].id, 7));
  return { a, b, b1, b2, tech, hr, bb, e1, e2, eb, o1, o2, ob, n1, n2, phone };
}

describe("quick jump", () => {
  let db: Db;
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    db = (await createTestDb()).db;
    w = await world(db);
  });
  const jump = (companyId: number, id: number, roles: Role[], q: string) => quickJump(db, companyId, { id, roles }, q);
  const ids = (rows: { kind: string; id: number }[], kind: string) =>
    rows.filter((r) => r.kind === kind).map((r) => r.id);

  it("finds a household by name, phone and unit for its butler, and not another butler's or company's", async () => {
    const target = w.e1.households[1];
    expect(ids(await jump(w.a.companyId, w.b1.id, ["butler"], target.name), "household")).toEqual([target.id]);
    expect(ids(await jump(w.a.companyId, w.b1.id, ["butler"], w.phone.slice(-6)), "household")).toEqual([target.id]);
    const byUnit = await jump(w.a.companyId, w.b1.id, ["butler"], "1-102");
    expect(ids(byUnit, "household")).toEqual([target.id]);
    expect(byUnit[0]).toMatchObject({ href: `/staff/registry/households/${target.id}`, unit: "1-1-102" });
    // Butler 2 and company B's butler get their own households of the same name, never this one.
    const other = ids(await jump(w.a.companyId, w.b2.id, ["butler"], target.name), "household");
    expect(other).toEqual([w.e2.households[1].id]);
    const foreign = ids(await jump(w.b.companyId, w.bb.id, ["butler"], target.name), "household");
    expect(foreign).toEqual([w.eb.households[1].id]);
    expect(ids(await jump(w.b.companyId, w.bb.id, ["butler"], w.phone), "household")).toEqual([]);
    expect(ids(await jump(w.a.companyId, w.b2.id, ["butler"], w.phone), "household")).toEqual([]);
  });

  it("lists at most the limit of households (the admin sees the whole company)", async () => {
    const all = await jump(w.a.companyId, w.a.adminId, ["admin"], "住户");
    expect(ids(all, "household").sort()).toEqual([...w.e1.households, ...w.e2.households].map((h) => h.id).sort());
    expect(all.length).toBeLessThanOrEqual(JUMP_HOUSEHOLD_LIMIT);
  });

  it("finds an order by number within the viewer's order scope only", async () => {
    expect(ids(await jump(w.a.companyId, w.tech.id, ["technician"], String(w.o1.id)), "order")).toEqual([w.o1.id]);
    expect(ids(await jump(w.a.companyId, w.tech.id, ["technician"], `#${w.o2.id}`), "order")).toEqual([]);
    expect(ids(await jump(w.a.companyId, w.b2.id, ["butler"], String(w.o2.id)), "order")).toEqual([w.o2.id]);
    expect(ids(await jump(w.a.companyId, w.b2.id, ["butler"], String(w.o1.id)), "order")).toEqual([]);
    expect(ids(await jump(w.a.companyId, w.a.adminId, ["admin"], String(w.ob.id)), "order")).toEqual([]);
    expect(ids(await jump(w.a.companyId, w.hr.id, ["hr"], String(w.o1.id)), "order")).toEqual([]);
    const [hit] = await jump(w.a.companyId, w.a.adminId, ["admin"], String(w.o1.id));
    expect(hit).toMatchObject({ kind: "order", href: `/staff/orders/${w.o1.id}`, typeKey: "tickets.type.repair" });
  });

  it("finds a notice by its number in any accepted spelling, in the viewer's households and company only", async () => {
    for (const q of ["催-2026-000007", "2026-7", "2026-000007"])
      expect(ids(await jump(w.a.companyId, w.b1.id, ["butler"], q), "notice")).toEqual([w.n1.id]);
    expect(ids(await jump(w.a.companyId, w.b2.id, ["butler"], "2026-7"), "notice")).toEqual([]);
    expect(ids(await jump(w.a.companyId, w.a.adminId, ["admin"], "2026-8"), "notice")).toEqual([w.n2.id]);
    expect(ids(await jump(w.a.companyId, w.tech.id, ["technician"], "2026-7"), "notice")).toEqual([]);
  });

  it("answers nothing to a single character or an empty query", async () => {
    expect(await jump(w.a.companyId, w.a.adminId, ["admin"], "住")).toEqual([]);
    expect(await jump(w.a.companyId, w.a.adminId, ["admin"], "  ")).toEqual([]);
  });
});
