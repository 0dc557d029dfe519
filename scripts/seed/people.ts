/** Households, their contacts and resident accounts, planned in memory on top of the registry (no I/O). */
import type { HOUSEHOLD_KINDS } from "../../db/schema";
import { seededHouseholdCode } from "./codes";
import { mobileNumber, personName } from "./names";
import type { Rng } from "./random";
import type { CommunityPlan } from "./registry";

export type HouseholdKind = (typeof HOUSEHOLD_KINDS)[number];

/** A unit by position: community, building, and index in that building's residential / parking list. */
export interface UnitRef {
  community: number;
  building: number;
  index: number;
}

export interface ContactPlan {
  name: string;
  phone: string;
  isPrimary: boolean;
}

export interface AccountPlan {
  name: string;
  phone: string;
  email: string | null;
}

export interface HouseholdPlan {
  name: string;
  kind: HouseholdKind;
  code: string;
  flat: UnitRef;
  parking: UnitRef | null;
  contacts: ContactPlan[];
  /** A resident account linked to the household (relation follows `kind`). */
  account: AccountPlan | null;
}

export interface PeopleOptions {
  households: number;
  tenantShare: number;
  parkingShare: number;
  secondContactShare: number;
  accountShare: number;
  /** Phones and codes already used (in the database or by seeded staff); extended as numbers are drawn. */
  takenPhones: Set<string>;
  takenCodes: Set<string>;
  /** The household of the fixed resident login: first household of the first building, owner, with parking. */
  demoResident?: AccountPlan;
}

export function planHouseholds(rng: Rng, registry: readonly CommunityPlan[], opts: PeopleOptions): HouseholdPlan[] {
  const flats: UnitRef[] = [];
  registry.forEach((c, ci) =>
    c.buildings.forEach((b, bi) =>
      b.residential.forEach((_, ui) => flats.push({ community: ci, building: bi, index: ui })),
    ),
  );
  if (flats.length < opts.households)
    throw new Error(`registry has ${flats.length} flats for ${opts.households} households`);

  // Pick which flats are occupied, then walk them in registry order. The demo resident's
  // household always takes the first flat of the first building.
  const pinned = opts.demoResident ? [0] : [];
  const rest = flats.map((_, i) => i).slice(pinned.length);
  const order = [...pinned, ...rng.shuffle(rest).slice(0, opts.households - pinned.length)].sort((a, b) => a - b);

  const freeParking = registry.map((c) => c.buildings.map((b) => rng.shuffle(b.parking.map((_, i) => i))));

  return order.map((flatIndex, n) => {
    const flat = flats[flatIndex];
    const demo = n === 0 ? opts.demoResident : undefined;
    const kind: HouseholdKind = !demo && rng.chance(opts.tenantShare) ? "tenant" : "owner";

    const primary: ContactPlan = demo
      ? { name: demo.name, phone: demo.phone, isPrimary: true }
      : { name: personName(rng), phone: mobileNumber(rng, opts.takenPhones), isPrimary: true };
    const contacts = [primary];
    if (rng.chance(opts.secondContactShare)) {
      // Children share the surname; spouses keep their own.
      const family = rng.chance(0.4) ? primary.name.slice(0, 1) : undefined;
      contacts.push({ name: personName(rng, family), phone: mobileNumber(rng, opts.takenPhones), isPrimary: false });
    }

    const spaces = freeParking[flat.community][flat.building];
    const wantsParking = demo !== undefined || rng.chance(opts.parkingShare);
    const parkingIndex = wantsParking ? spaces.pop() : undefined;
    const parking = parkingIndex === undefined ? null : { ...flat, index: parkingIndex };

    const account =
      demo ?? (rng.chance(opts.accountShare) ? { name: primary.name, phone: primary.phone, email: null } : null);

    return {
      name: primary.name,
      kind,
      code: seededHouseholdCode(rng, opts.takenCodes),
      flat,
      parking,
      contacts,
      account,
    };
  });
}
