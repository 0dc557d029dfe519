/** 示范物业: the demo company behind the fixed logins — 2 communities in Hangzhou, 12 buildings, ~1,200 households. */
import type { StaffRole } from "../../lib/auth/roles";
import { DEMO_COMPANY_NAME, DEMO_LOGINS, demoLogin } from "./demo-logins";
import { personName } from "./names";
import { DEFAULT_SHARES, STAFF_ORDER, type SeedProfile } from "./profile";
import { EMAIL_PREFIX, type StaffMember } from "./staff";

export const DEMO_HOUSEHOLDS = 1200;

const DEMO_STAFF: Record<StaffRole, number> = {
  admin: 1,
  butler: 3,
  supervisor: 1,
  project_manager: 2,
  front_desk: 1,
  technician: 2,
  finance: 1,
  hr: 1,
  legal: 1,
  cleaner: 2,
  guard: 2,
};

export function demoProfile(households = DEMO_HOUSEHOLDS): SeedProfile {
  const resident = demoLogin("resident");
  return {
    key: "demo",
    companyName: DEMO_COMPANY_NAME,
    households,
    communities: [
      {
        name: "翠湖花园",
        address: "浙江省杭州市西湖区文一西路588号",
        buildings: 6,
        shopBuildings: 1,
        shopsPerBuilding: [3, 3],
      },
      {
        name: "锦绣华庭",
        address: "浙江省杭州市滨江区江南大道1288号",
        buildings: 6,
        shopBuildings: 1,
        shopsPerBuilding: [2, 2],
      },
    ],
    ...DEFAULT_SHARES,
    demoResident: { name: resident.name, phone: resident.phone, email: resident.email },
    staff(rng) {
      const members: StaffMember[] = [];
      let extra = 0;
      for (const role of STAFF_ORDER) {
        for (let n = 1; n <= DEMO_STAFF[role]; n++) {
          const fixed = n === 1 ? DEMO_LOGINS.find((l) => l.role === role) : undefined;
          members.push(
            fixed
              ? { role, name: fixed.name, email: fixed.email, phone: fixed.phone }
              : {
                  role,
                  name: personName(rng),
                  email: `${EMAIL_PREFIX[role]}${n}@demo.guanjia.cn`,
                  phone: `1380000${String(1001 + extra++)}`,
                },
          );
        }
      }
      // Three butlers share both communities: ~4 buildings, ~400 households each.
      return { members, butlerGroups: [{ communities: [0, 1], butlers: DEMO_STAFF.butler }] };
    },
  };
}
