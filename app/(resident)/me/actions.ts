"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { clientIp } from "@/lib/auth/client-ip";
import { requestHousehold } from "@/lib/residents/commands";
import { requestHouseholdSchema } from "@/lib/residents/schemas";

/** A resident asks to be linked to another household of their company (pending approval). */
export const requestHouseholdAction = authorizedAction(
  { schema: requestHouseholdSchema, roles: ["resident"] },
  async (input, { db, companyId, user }) => {
    const h = await headers();
    const result = await requestHousehold(db, companyId, user.id, input, { ip: clientIp(Object.fromEntries(h)) });
    revalidatePath("/home");
    return result;
  },
);
