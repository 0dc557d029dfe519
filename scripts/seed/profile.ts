import type { StaffRole } from "../../lib/auth/roles";
import type { AccountPlan } from "./people";
import type { Rng } from "./random";
import type { CommunitySpec } from "./registry";
import type { StaffMember } from "./staff";

/** What one seeded company looks like. `demo-company.ts` and `bench-company.ts` build these. */
export interface SeedProfile {
  key: "demo" | "bench";
  companyName: string;
  households: number;
  communities: CommunitySpec[];
  tenantShare: number;
  parkingShare: number;
  secondContactShare: number;
  accountShare: number;
  demoResident?: AccountPlan;
  /** Staff sized to the households each community ended up with, and how butlers are grouped over communities. */
  staff(rng: Rng, householdsPerCommunity: readonly number[]): StaffPlan;
}

export interface StaffPlan {
  members: StaffMember[];
  butlerGroups: { communities: number[]; butlers: number }[];
}

/** Admin first, then the order of SPEC §2. */
export const STAFF_ORDER: readonly StaffRole[] = [
  "admin",
  "butler",
  "supervisor",
  "project_manager",
  "front_desk",
  "technician",
  "finance",
  "hr",
  "legal",
  "cleaner",
  "guard",
];

/** The shares every profile uses unless it says otherwise. */
export const DEFAULT_SHARES = {
  tenantShare: 0.1,
  parkingShare: 0.15,
  secondContactShare: 0.55,
  accountShare: 0.2,
} as const;
