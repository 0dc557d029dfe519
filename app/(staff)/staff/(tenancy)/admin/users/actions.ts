"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { createStaffMember, setStaffRoles } from "@/lib/tenancy/commands";
import { createStaffSchema, setRolesSchema } from "@/lib/tenancy/schemas";

export const createStaffAction = authorizedAction(
  { schema: createStaffSchema, roles: ["admin"] },
  async (input, { db, companyId, user }) => {
    const created = await createStaffMember(db, companyId, user.id, input);
    revalidatePath("/staff/admin/users");
    return created;
  },
);

export const setStaffRolesAction = authorizedAction(
  { schema: setRolesSchema, roles: ["admin"] },
  async (input, { db, companyId, user }) => {
    const result = await setStaffRoles(db, companyId, user.id, input.userId, input.roles);
    revalidatePath("/staff/admin/users");
    return result;
  },
);
