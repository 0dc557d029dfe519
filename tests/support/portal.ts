import { goldBadges } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { createCompany, createEstate, createUser, linkResident } from "./fixtures";

/** A company with one community of `n` households, a resident per household, and a front-desk writer. */
export async function createPortalEstate(db: Db, n = 3) {
  const company = await createCompany(db);
  const estate = await createEstate(db, company.companyId, { n });
  const residents = [];
  for (const h of estate.households) {
    const user = await createUser(db, company.companyId, ["resident"], `住户${h.id}`);
    await linkResident(db, company.companyId, user.id, h.id);
    residents.push(user);
  }
  const frontDesk = await createUser(db, company.companyId, ["front_desk"], "客服");
  return { ...company, ...estate, residents, frontDesk };
}

/** Gives a household an active gold badge (the award logic itself belongs to CRM-EW). */
export async function giveGoldBadge(
  db: Db,
  companyId: number,
  householdId: number,
  awardedOn = "2026-01-01",
  expiresOn = "2099-01-01",
) {
  await db.insert(goldBadges).values({ companyId, householdId, awardedOn, expiresOn });
}
