/**
 * 大型示范物业: the benchmark company of `npm run db:seed -- --households N`. Same structure as
 * the demo, scaled: ~120 households per building, ~12 buildings per community, one butler per
 * ~500 households, one supervisor per ~8 butlers, one project manager per community.
 */
import type { StaffRole } from "../../lib/auth/roles";
import { BENCH_COMPANY_NAME } from "./demo-logins";
import { address, CITIES, communityName, personName } from "./names";
import { DEFAULT_SHARES, STAFF_ORDER, type SeedProfile } from "./profile";
import type { Rng } from "./random";
import { EMAIL_PREFIX, type StaffMember } from "./staff";

const HOUSEHOLDS_PER_BUILDING = 120;
const BUILDINGS_PER_COMMUNITY = 12;
const HOUSEHOLDS_PER_BUTLER = 500;
const BUTLERS_PER_SUPERVISOR = 8;
/** Bench staff phones: 1390000xxxx, so at most 9,999 staff. */
const MAX_STAFF = 9999;

export function benchProfile(rng: Rng, households: number): SeedProfile {
  const buildings = Math.max(1, Math.round(households / HOUSEHOLDS_PER_BUILDING));
  const communityCount = Math.ceil(buildings / BUILDINGS_PER_COMMUNITY);
  const communities = Array.from({ length: communityCount }, (_, i) => {
    const count = Math.floor(buildings / communityCount) + (i < buildings % communityCount ? 1 : 0);
    return {
      name: communityName(i),
      address: address(rng, CITIES[i % CITIES.length]),
      buildings: count,
      shopBuildings: Math.floor(count / 4),
      shopsPerBuilding: [2, 4] as const,
    };
  });

  return {
    key: "bench",
    companyName: BENCH_COMPANY_NAME,
    households,
    communities,
    ...DEFAULT_SHARES,
    staff(staffRng, perCommunity) {
      const butlersPer = perCommunity.map((n) => Math.max(1, Math.round(n / HOUSEHOLDS_PER_BUTLER)));
      const butlers = butlersPer.reduce((a, b) => a + b, 0);
      const counts: Record<StaffRole, number> = {
        admin: 1,
        butler: butlers,
        supervisor: Math.ceil(butlers / BUTLERS_PER_SUPERVISOR),
        project_manager: communityCount,
        front_desk: Math.ceil(households / 5000),
        technician: Math.ceil(households / 2000),
        finance: Math.ceil(households / 10000),
        hr: Math.ceil(households / 20000),
        legal: Math.ceil(households / 50000),
        cleaner: communityCount,
        guard: communityCount,
      };
      const members: StaffMember[] = [];
      for (const role of STAFF_ORDER) {
        for (let n = 1; n <= counts[role]; n++) {
          if (members.length >= MAX_STAFF) throw new Error(`more than ${MAX_STAFF} staff: lower --households`);
          members.push({
            role,
            name: personName(staffRng),
            email: `${EMAIL_PREFIX[role]}${n}@bench.guanjia.cn`,
            phone: `1390000${String(members.length + 1).padStart(4, "0")}`,
          });
        }
      }
      return { members, butlerGroups: butlersPer.map((n, c) => ({ communities: [c], butlers: n })) };
    },
  };
}
