import { and, asc, desc, eq, sql } from "drizzle-orm";
import {
  communities,
  contractAllocations,
  contractBills,
  contractCustomers,
  contractPayments,
  contracts,
} from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

export async function listContractCustomers(db: DbOrTx, companyId: number) {
  return db
    .select({
      id: contractCustomers.id,
      name: contractCustomers.name,
      contact: contractCustomers.contact,
      phone: contractCustomers.phone,
      owedFen: sql<number>`coalesce((select sum(b.amount_fen - b.allocated_fen) from contract_bills b where b.customer_id = ${contractCustomers.id} and b.company_id = ${companyId}), 0)`,
    })
    .from(contractCustomers)
    .where(eq(contractCustomers.companyId, companyId))
    .orderBy(asc(contractCustomers.name));
}

export async function listContracts(db: DbOrTx, companyId: number) {
  return db
    .select({
      id: contracts.id,
      customerName: contractCustomers.name,
      communityName: communities.name,
      description: contracts.description,
      monthlyFen: contracts.monthlyFen,
      startMonth: contracts.startMonth,
      endMonth: contracts.endMonth,
    })
    .from(contracts)
    .innerJoin(contractCustomers, eq(contractCustomers.id, contracts.customerId))
    .innerJoin(communities, eq(communities.id, contracts.communityId))
    .where(eq(contracts.companyId, companyId))
    .orderBy(desc(contracts.id));
}

/** Contract bills, newest first (at most 200). */
export async function listContractBills(db: DbOrTx, companyId: number) {
  return db
    .select({
      id: contractBills.id,
      period: contractBills.period,
      dueDate: contractBills.dueDate,
      amountFen: contractBills.amountFen,
      allocatedFen: contractBills.allocatedFen,
      customerName: contractCustomers.name,
      description: contracts.description,
      unitLabel: sql<
        string | null
      >`(select b.code || '-' || u.number from units u join buildings b on b.id = u.building_id where u.id = ${contractBills.unitId})`,
      reasonKey: contractBills.reasonKey,
      reasonParams: contractBills.reasonParams,
    })
    .from(contractBills)
    .leftJoin(contracts, eq(contracts.id, contractBills.contractId))
    .innerJoin(contractCustomers, eq(contractCustomers.id, contractBills.customerId))
    .where(eq(contractBills.companyId, companyId))
    .orderBy(desc(contractBills.period), asc(contractBills.id))
    .limit(200);
}

/** The company's communities, for the contract form. */
export async function companyCommunities(db: DbOrTx, companyId: number) {
  return db
    .select({ id: communities.id, name: communities.name })
    .from(communities)
    .where(eq(communities.companyId, companyId))
    .orderBy(asc(communities.name));
}

/** A contract payment's receipt: the payment, its customer and the contract bills it paid. Company-scoped; null when not found. */
export async function contractReceipt(db: DbOrTx, companyId: number, paymentId: number) {
  const [head] = await db
    .select({
      id: contractPayments.id,
      receiptNo: contractPayments.receiptNo,
      method: contractPayments.method,
      amountFen: contractPayments.amountFen,
      receivedAt: contractPayments.receivedAt,
      customerName: contractCustomers.name,
      cashierName: sql<string | null>`(select u.name from users u where u.id = ${contractPayments.actorUserId})`,
    })
    .from(contractPayments)
    .innerJoin(contractCustomers, eq(contractCustomers.id, contractPayments.customerId))
    .where(and(eq(contractPayments.companyId, companyId), eq(contractPayments.id, paymentId)));
  if (!head) return null;
  const lines = await db
    .select({
      billId: contractBills.id,
      period: contractBills.period,
      description: contracts.description,
      amountFen: contractAllocations.amountFen,
    })
    .from(contractAllocations)
    .innerJoin(contractBills, eq(contractBills.id, contractAllocations.contractBillId))
    .leftJoin(contracts, eq(contracts.id, contractBills.contractId))
    .where(and(eq(contractAllocations.companyId, companyId), eq(contractAllocations.contractPaymentId, paymentId)))
    .orderBy(asc(contractBills.period), asc(contractBills.id));
  return { ...head, lines };
}
