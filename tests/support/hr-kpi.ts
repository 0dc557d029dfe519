import { bills, householdScores, visits, workOrderAssignees, workOrders } from "@/db/schema";
import type { Db } from "@/lib/db/client";

/** KPI fixture rows for HR assessments: bills, scores, visits and work orders, written directly. */
export async function addBill(
  db: Db,
  companyId: number,
  householdId: number,
  period: string,
  billedFen: number,
  collectedFen: number,
) {
  await db.insert(bills).values({
    companyId,
    householdId,
    period,
    dueDate: `${period}-15`,
    linesFen: billedFen,
    allocatedFen: collectedFen,
  });
}

export async function setScore(db: Db, companyId: number, householdId: number, score: number) {
  await db.insert(householdScores).values({ companyId, householdId, score, updatedAt: new Date() });
}

export async function addVisit(
  db: Db,
  companyId: number,
  householdId: number,
  butlerUserId: number,
  visitedAt: Date,
  quarter: string,
) {
  await db.insert(visits).values({
    companyId,
    householdId,
    butlerUserId,
    quarter,
    sampledMonth: visitedAt.toISOString().slice(0, 7),
    visitedAt,
    satisfaction: 5,
  });
}

/** A resolved work order (of a household, or a technician's), with its SLA due time and rating. */
export async function addResolvedOrder(
  db: Db,
  companyId: number,
  o: {
    type: "complaint" | "repair";
    householdId?: number;
    resolvedAt: Date;
    resolveDueAt: Date | null;
    rating?: number;
    technicianId?: number;
  },
) {
  const [row] = await db
    .insert(workOrders)
    .values({
      companyId,
      type: o.type,
      source: "resident",
      householdId: o.householdId ?? null,
      description: "测试工单",
      status: "closed",
      resolvedAt: o.resolvedAt,
      resolveDueAt: o.resolveDueAt,
      rating: o.rating ?? null,
    })
    .returning();
  if (o.technicianId)
    await db.insert(workOrderAssignees).values({
      companyId,
      workOrderId: row.id,
      userId: o.technicianId,
      role: "technician",
      assignedAt: new Date(o.resolvedAt.getTime() - 86400000),
      acceptedAt: o.resolvedAt,
    });
  return row;
}
