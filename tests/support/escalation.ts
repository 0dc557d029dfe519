import { eq } from "drizzle-orm";
import {
  communityManagers,
  supervisorButlers,
  users,
  workOrderAssignees,
  workOrderEvents,
  workOrders,
} from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { ESCALATION_ROLE, type AssigneeRole, type WorkOrderStatus, type WorkOrderType } from "@/lib/tickets/rules";
import { createCompany, createEstate, createUser } from "./fixtures";

const H = 3_600_000;
const D = 24 * H;

function chunks<T>(xs: readonly T[], n = 400): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** One order of the overdue world, with the level and recipients the escalation must produce. */
export interface PlannedOrder {
  id: number;
  type: WorkOrderType;
  status: WorkOrderStatus;
  communityId: number;
  currentLevel: number;
  expectedLevel: number;
  /** Who must be notified when it moves (empty when it must not move). */
  recipients: Set<number>;
}

/**
 * A company with several communities, butlers, supervisors and a technician, and `orders`
 * open work orders overdue at `asOf` in every way the escalation distinguishes:
 *  0 accept overdue, butler only                      → L1: the butler's supervisor (or the PM, or the admins)
 *  1 accept overdue, butler + supervisor assignees    → L1: the butler's supervisor, not the supervisor's
 *  2 resolve overdue                                  → L2: the community's PM (or the admins)
 *  3 resolve overdue past the window of the FIRST dispatch (a later reopen does not shorten it) → L2
 *  4 resolve overdue by more than the resolve window  → L3: the admins
 *  5 accept overdue, technician (no supervisor)       → L1: the PM (or the admins)
 *  6 already at the level its lateness calls for      → untouched
 *  7 closed                                           → untouched
 * Community 2 has no project manager; butler 3 has no supervisor. One admin is inactive.
 */
export async function overdueWorld(
  db: Db,
  { orders, asOf = new Date("2026-06-10T08:00:00Z") }: { orders: number; asOf?: Date },
) {
  const company = await createCompany(db);
  const companyId = company.companyId;
  const admin2 = await createUser(db, companyId, ["admin"], "副总");
  const retired = await createUser(db, companyId, ["admin"], "离职总经理");
  await db.update(users).set({ active: false }).where(eq(users.id, retired.id));
  const admins = [company.adminId, admin2.id];

  const butlers = [];
  for (let i = 0; i < 4; i++) butlers.push(await createUser(db, companyId, ["butler"], `管家${i}`));
  const supA = await createUser(db, companyId, ["supervisor"], "主管A");
  const supB = await createUser(db, companyId, ["supervisor"], "主管B");
  const tech = await createUser(db, companyId, ["technician"], "维修");
  const supOf = new Map<number, number>([
    [butlers[0].id, supA.id],
    [butlers[1].id, supA.id],
    [butlers[2].id, supB.id],
  ]);
  await db
    .insert(supervisorButlers)
    .values([...supOf].map(([butlerUserId, supervisorUserId]) => ({ companyId, butlerUserId, supervisorUserId })));
  const estates = [];
  for (let i = 0; i < 3; i++) estates.push(await createEstate(db, companyId, { n: 1, butlerId: butlers[i].id }));
  const pmOf = new Map<number, number>();
  for (let i = 0; i < 2; i++) {
    const pm = await createUser(db, companyId, ["project_manager"], `项目经理${i}`);
    pmOf.set(estates[i].community.id, pm.id);
    await db
      .insert(communityManagers)
      .values({ companyId, communityId: estates[i].community.id, managerUserId: pm.id });
  }

  const t = asOf.getTime();
  type Spec = {
    status: WorkOrderStatus;
    type: WorkOrderType;
    dispatchedAt: number;
    reopenedAt?: number;
    acceptDueAt: number;
    resolveDueAt: number;
    currentLevel: number;
    expectedLevel: number;
    assignees: { userId: number; role: AssigneeRole }[];
  };
  const specs: (Spec & { communityId: number })[] = [];
  for (let i = 0; i < orders; i++) {
    const kind = i % 8;
    const communityId = estates[i % 3].community.id;
    const butler = butlers[Math.floor(i / 8) % 4].id;
    const asButler = [{ userId: butler, role: "butler" as const }];
    const accept = (d: number) => ({ dispatchedAt: t - d, acceptDueAt: t - d + 2 * H, resolveDueAt: t - d + 3 * D });
    let s: Spec;
    if (kind === 0)
      s = {
        status: "assigned",
        type: "complaint",
        ...accept(5 * H),
        currentLevel: 0,
        expectedLevel: 1,
        assignees: asButler,
      };
    else if (kind === 1)
      s = {
        status: "assigned",
        type: "complaint",
        ...accept(3 * H),
        currentLevel: 0,
        expectedLevel: 1,
        assignees: [...asButler, { userId: supB.id, role: "supervisor" }],
      };
    else if (kind === 2)
      s = {
        status: "accepted",
        type: "inquiry",
        dispatchedAt: t - 3 * D - H,
        acceptDueAt: t - 3 * D + H,
        resolveDueAt: t - H,
        currentLevel: 1,
        expectedLevel: 2,
        assignees: asButler,
      };
    else if (kind === 3)
      s = {
        status: "in_progress",
        type: "complaint",
        dispatchedAt: t - 5.5 * D,
        reopenedAt: t - 3.5 * D,
        acceptDueAt: t - 5.4 * D,
        resolveDueAt: t - 2.5 * D,
        currentLevel: 0,
        expectedLevel: 2,
        assignees: asButler,
      };
    else if (kind === 4)
      s = {
        status: "accepted",
        type: "suggestion",
        dispatchedAt: t - 2.5 * D,
        acceptDueAt: t - 2.4 * D,
        resolveDueAt: t - 1.5 * D,
        currentLevel: 1,
        expectedLevel: 3,
        assignees: asButler,
      };
    else if (kind === 5)
      s = {
        status: "assigned",
        type: "repair",
        ...accept(4 * H),
        currentLevel: 0,
        expectedLevel: 1,
        assignees: [{ userId: tech.id, role: "technician" }],
      };
    else if (kind === 6)
      s = {
        status: "accepted",
        type: "complaint",
        dispatchedAt: t - 3 * D - H,
        acceptDueAt: t - 3 * D + H,
        resolveDueAt: t - H,
        currentLevel: 2,
        expectedLevel: 2,
        assignees: asButler,
      };
    else
      s = {
        status: "closed",
        type: "complaint",
        ...accept(4 * D),
        currentLevel: 0,
        expectedLevel: 0,
        assignees: asButler,
      };
    specs.push({ ...s, communityId });
  }

  const planned: PlannedOrder[] = [];
  for (const part of chunks(specs)) {
    const rows = await db
      .insert(workOrders)
      .values(
        part.map((s, i) => ({
          companyId,
          type: s.type,
          source: "staff" as const,
          communityId: s.communityId,
          description: `逾期工单 ${i}`,
          status: s.status,
          acceptDueAt: new Date(s.acceptDueAt),
          resolveDueAt: new Date(s.resolveDueAt),
          escalationLevel: s.currentLevel,
        })),
      )
      .returning({ id: workOrders.id });
    await db.insert(workOrderAssignees).values(
      part.flatMap((s, i) =>
        s.assignees.map((a) => ({
          companyId,
          workOrderId: rows[i].id,
          userId: a.userId,
          role: a.role,
          assignedAt: new Date(s.dispatchedAt),
        })),
      ),
    );
    await db.insert(workOrderEvents).values(
      part.flatMap((s, i) => [
        {
          companyId,
          workOrderId: rows[i].id,
          action: "dispatch",
          fromStatus: "submitted" as const,
          toStatus: "assigned" as const,
          at: new Date(s.dispatchedAt),
        },
        ...(s.reopenedAt
          ? [
              {
                companyId,
                workOrderId: rows[i].id,
                action: "reopen",
                fromStatus: "closed" as const,
                toStatus: "assigned" as const,
                at: new Date(s.reopenedAt),
              },
            ]
          : []),
      ]),
    );
    part.forEach((s, i) => {
      const recipients = new Set<number>();
      if (s.expectedLevel > s.currentLevel) {
        const pm = pmOf.get(s.communityId);
        const role = ESCALATION_ROLE[s.expectedLevel];
        if (role === "supervisor") {
          for (const a of s.assignees)
            if (a.role !== "supervisor" && supOf.has(a.userId)) recipients.add(supOf.get(a.userId)!);
          if (!recipients.size && pm) recipients.add(pm);
        }
        if (role === "project_manager" && pm) recipients.add(pm);
        if (role === "admin" || !recipients.size) for (const a of admins) recipients.add(a);
        for (const a of s.assignees) recipients.add(a.userId);
      }
      planned.push({
        id: rows[i].id,
        type: s.type,
        status: s.status,
        communityId: s.communityId,
        currentLevel: s.currentLevel,
        expectedLevel: s.expectedLevel,
        recipients,
      });
    });
  }
  return { companyId, asOf, admins, retiredAdminId: retired.id, butlers, supA, supB, tech, pmOf, orders: planned };
}
