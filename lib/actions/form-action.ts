import "server-only";
import type { z } from "zod";
import { authorizedAction, type ActionContext } from "@/lib/actions/authorized-action";
import type { Role } from "@/lib/auth/roles";
import { fieldsOf } from "./form-data";

/**
 * authorizedAction for forms posted as FormData (with photos): the fields go through the same
 * zod schema (the cast only hands the untyped fields to the validator), and the handler also
 * gets the FormData for its files.
 */
export function formAction<S extends z.ZodType, T>(
  options: { schema: S; roles: readonly Role[]; arrays?: readonly string[] },
  handler: (input: z.output<S>, ctx: ActionContext, fd: FormData) => Promise<T>,
) {
  return async (fd: FormData) =>
    authorizedAction({ schema: options.schema, roles: options.roles }, (input, ctx) => handler(input, ctx, fd))(
      fieldsOf(fd, options.arrays) as z.input<S>,
    );
}
