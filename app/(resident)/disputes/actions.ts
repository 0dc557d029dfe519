"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/form-action";
import { filesOf } from "@/lib/actions/form-data";
import { fileDisputeSchema } from "@/lib/crm/disputes/schemas";
import { fileDispute } from "@/lib/crm/disputes/commands";

/** A resident disputes a notice or a bill of their own household (checked in fileDispute: anything else is not_found, nothing written). */
export const fileDisputeAction = formAction(
  { schema: fileDisputeSchema, roles: ["resident"] },
  async (input, ctx, fd) => {
    const r = await fileDispute(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input, filesOf(fd));
    revalidatePath("/disputes");
    return { id: r.id };
  },
);
