"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { decideRegistration } from "@/lib/residents/commands";
import { APPROVER_ROLES } from "@/lib/residents/rules";
import { approveRegistrationSchema, rejectRegistrationSchema } from "@/lib/residents/schemas";

/** Staff approve a resident's request; the query itself admits only requests in the viewer's scope. */
export const approveRegistrationAction = authorizedAction(
  { schema: approveRegistrationSchema, roles: APPROVER_ROLES },
  async ({ linkId }, { db, companyId, user }) => {
    const result = await decideRegistration(db, companyId, { userId: user.id, roles: user.roles }, linkId, {
      kind: "approve",
    });
    revalidatePath("/staff/registrations");
    return result;
  },
);

export const rejectRegistrationAction = authorizedAction(
  { schema: rejectRegistrationSchema, roles: APPROVER_ROLES },
  async ({ linkId, reason }, { db, companyId, user }) => {
    const result = await decideRegistration(db, companyId, { userId: user.id, roles: user.roles }, linkId, {
      kind: "reject",
      reason,
    });
    revalidatePath("/staff/registrations");
    return result;
  },
);
