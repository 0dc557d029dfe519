import { and, eq, sql } from "drizzle-orm";
import { bills, feeItems } from "@/db/schema";
import { generateBills } from "@/lib/billing/generate";
import { recordPayment } from "@/lib/flows/record-payment";
import type { Db } from "@/lib/db/client";
import { createUser } from "./fixtures";
import { ticketWorld } from "./tickets";

/** Arrears-ladder test worlds: a company with an estate, months of bills, a legal user. */
export const periods = (from: string, n: number) =>
  Array.from({ length: n }, (_, i) => {
    const [y, m] = from.split("-").map(Number);
    const k = y * 12 + (m - 1) + i;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`;
  });

export function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d.toISOString().slice(0, 10) <= to;
    d = new Date(d.getTime() + 86_400_000)
  )
    out.push(d.toISOString().slice(0, 10));
  return out;
}

export async function arrearsWorld(db: Db, months: number, from = "2025-01") {
  const w = await ticketWorld(db, { techs: [] });
  await db.insert(feeItems).values([
    { companyId: w.companyId, name: "物业费", kind: "per_area", priceFen: 250 },
    { companyId: w.companyId, name: "垃圾费", kind: "per_household", priceFen: 1000 },
  ]);
  for (const p of periods(from, months)) await generateBills(db, w.companyId, p);
  const legal = await createUser(db, w.companyId, ["legal"], "法务");
  return { ...w, legal, company: { id: w.companyId, timeZone: "Asia/Shanghai" } };
}

export async function payDue(
  db: Db,
  companyId: number,
  householdId: number,
  asOf: string,
  key: string,
  at = new Date(`${asOf}T04:00:00Z`),
) {
  const [r] = await db
    .select({ owed: sql<number>`sum(${bills.linesFen} + ${bills.adjustmentFen} - ${bills.allocatedFen})` })
    .from(bills)
    .where(and(eq(bills.companyId, companyId), eq(bills.householdId, householdId), sql`${bills.dueDate} < ${asOf}`));
  await recordPayment(db, {
    companyId,
    householdId,
    amountFen: Number(r.owed),
    method: "cash",
    idempotencyKey: key,
    actorUserId: null,
    now: at,
  });
}
