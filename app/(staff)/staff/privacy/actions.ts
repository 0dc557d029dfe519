"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/form-action";
import { PRIVACY_REQUEST_ROLES } from "@/lib/privacy/access";
import { decidePrivacyRequest } from "@/lib/privacy/requests";
import { decidePrivacyRequestSchema } from "@/lib/privacy/schemas";

/** Staff accept or reject a resident's correction or deletion request (audited; a deletion anonymizes). */
export const decidePrivacyRequestAction = formAction(
  { schema: decidePrivacyRequestSchema, roles: PRIVACY_REQUEST_ROLES },
  async (input, ctx) => {
    const { requestId } = await decidePrivacyRequest(ctx.db, ctx.companyId, ctx.user.id, input);
    revalidatePath("/staff/privacy");
    return { id: requestId };
  },
);
