"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { clock } from "@/lib/hr/attendance";
import { clockSchema } from "@/lib/hr/schemas";

/** One tap: any staff member, for themselves only; the time is the server's. */
export const clockAction = authorizedAction({ schema: clockSchema, roles: STAFF_ROLES }, async ({ kind }, ctx) => {
  const row = await clock(ctx.db, ctx.companyId, ctx.user.id, kind);
  revalidatePath("/staff/attendance");
  return { at: row.at.toISOString() };
});
