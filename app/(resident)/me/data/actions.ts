"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { submitPrivacyRequest } from "@/lib/privacy/requests";
import { privacyRequestSchema } from "@/lib/privacy/schemas";

/** A resident asks for a correction or the deletion of their personal data. */
export const submitPrivacyRequestAction = authorizedAction({ schema: privacyRequestSchema, roles: ["resident"] }, async (input, ctx) => {
  const result = await submitPrivacyRequest(ctx.db, ctx.companyId, ctx.user.id, input);
  revalidatePath("/me/data");
  return result;
});
