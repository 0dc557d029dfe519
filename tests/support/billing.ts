import { feeItems, householdUnits, units } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { createCompany, createEstate, createUser } from "./fixtures";

/**
 * A company with `n` households (areas 89.00, 89.01, … m²), a property fee of 2.50 元/m²
 * and a garbage fee of 10 元 per household and month, and a finance user.
 */
export async function createBillingEstate(db: Db, n = 3) {
  const company = await createCompany(db);
  const { companyId } = company;
  const estate = await createEstate(db, companyId, { n });
  const finance = await createUser(db, companyId, ["finance"], "财务");
  const [property, garbage] = await db
    .insert(feeItems)
    .values([
      { companyId, name: "物业费", kind: "per_area", priceFen: 250 },
      { companyId, name: "垃圾费", kind: "per_household", priceFen: 1000 },
    ])
    .returning();
  return { ...company, ...estate, finance, feeItems: { property, garbage } };
}

/** Adds a parking space to a household. */
export async function addParking(db: Db, companyId: number, buildingId: number, householdId: number, number: string) {
  const [unit] = await db
    .insert(units)
    .values({ companyId, buildingId, number, areaCentiM2: 1250, type: "parking" })
    .returning();
  await db.insert(householdUnits).values({ companyId, householdId, unitId: unit.id });
  return unit;
}
