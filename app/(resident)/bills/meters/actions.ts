"use server";
import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/form-action";
import { filesOf } from "@/lib/actions/form-data";
import { selfReadingSchema } from "@/lib/billing/meter-schemas";
import { submitSelfReading } from "@/lib/billing/self-readings";
import { localDate } from "@/lib/time/zone";

/** A resident's self-reading of one of their own units (issue 19 point 5); pending until staff approve. */
export const selfReadingAction = formAction(
  { schema: selfReadingSchema, roles: ["resident"] },
  async (input, ctx, fd) => {
    const today = localDate(new Date(), ctx.user.timeZone);
    const row = await submitSelfReading(
      ctx.db,
      { companyId: ctx.companyId, userId: ctx.user.id },
      input,
      filesOf(fd),
      today,
    );
    revalidatePath("/bills/meters");
    return row;
  },
);
