"use server";

import { publicAction } from "@/lib/actions/authorized-action";
import { signUpCompany } from "@/lib/tenancy/commands";
import { signUpSchema } from "@/lib/tenancy/schemas";

/** Public: a visitor signs up a property company and becomes its admin. */
export const signUpAction = publicAction({ schema: signUpSchema }, async (input, { db }) => {
  await signUpCompany(db, input);
  return null;
});
