"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { removeResidentLink } from "@/lib/residents/commands";
import { removeLinkSchema } from "@/lib/residents/schemas";

/** An owner removes a family member's or tenant's link to their household (checked in the command). */
export const removeLinkAction = authorizedAction(
  { schema: removeLinkSchema, roles: ["resident"] },
  async ({ linkId }, { db, companyId, user }) => {
    const result = await removeResidentLink(db, companyId, user.id, linkId);
    revalidatePath("/home");
    return result;
  },
);
