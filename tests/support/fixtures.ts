import { randomInt } from "node:crypto";
import {
  buildingButlers,
  buildings,
  communities,
  householdUnits,
  households,
  memberships,
  residentLinks,
  units,
  users,
} from "@/db/schema";
import type { Role } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";
import { signUpCompany } from "@/lib/flows/sign-up-company";

/** Domain fixtures: every call makes new, unique rows, so tests never share data. */
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomInt(1e6).toString(36)}`;

/** A random, valid mainland mobile number (199 + 8 digits). */
export function randomPhone(): string {
  return `199${String(randomInt(0, 1e8)).padStart(8, "0")}`;
}

export const TEST_PASSWORD = "test-password-1";

/** A company signed up the way a customer does it: company + admin user + admin role + audit entry. */
export async function createCompany(db: Db, name = `测试物业-${unique()}`) {
  const admin = {
    name: "管理员",
    phone: randomPhone(),
    email: `admin-${unique()}@test.guanjia.cn`,
    password: TEST_PASSWORD,
  };
  const { companyId, userId } = await signUpCompany(db, { companyName: name, ...admin });
  return { companyId, adminId: userId, admin };
}

export async function createUser(db: Db, companyId: number, roles: Role[], name = "员工") {
  const [user] = await db
    .insert(users)
    .values({ name, phone: randomPhone(), email: `u-${unique()}@test.guanjia.cn`, passwordHash: "not-a-real-hash" })
    .returning();
  if (roles.length) await db.insert(memberships).values(roles.map((role) => ({ companyId, userId: user.id, role })));
  return user;
}

/** A community with one building, `n` units and one household per unit, assigned to `butlerId`. */
export async function createEstate(
  db: Db,
  companyId: number,
  { n = 3, butlerId }: { n?: number; butlerId?: number } = {},
) {
  const [community] = await db
    .insert(communities)
    .values({ companyId, name: `小区-${unique()}` })
    .returning();
  const [building] = await db
    .insert(buildings)
    .values({ companyId, communityId: community.id, code: "1", name: "1栋" })
    .returning();
  const unitRows = await db
    .insert(units)
    .values(
      Array.from({ length: n }, (_, i) => ({
        companyId,
        buildingId: building.id,
        number: `1-${101 + i}`,
        floor: 1,
        areaCentiM2: 8900 + i,
      })),
    )
    .returning();
  const householdRows = await db
    .insert(households)
    .values(unitRows.map((u) => ({ companyId, name: `住户${u.number}`, code: `T${unique()}${u.id}`.toUpperCase() })))
    .returning();
  await db
    .insert(householdUnits)
    .values(householdRows.map((h, i) => ({ companyId, householdId: h.id, unitId: unitRows[i].id })));
  if (butlerId) await db.insert(buildingButlers).values({ companyId, buildingId: building.id, butlerUserId: butlerId });
  return { community, building, units: unitRows, households: householdRows };
}

export async function linkResident(
  db: Db,
  companyId: number,
  userId: number,
  householdId: number,
  status: "approved" | "pending" = "approved",
) {
  await db.insert(residentLinks).values({ companyId, userId, householdId, relation: "owner", status });
}
