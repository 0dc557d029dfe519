"use server";

import { formAction } from "@/lib/actions/form-action";
import { AppError } from "@/lib/actions/result";
import { acceptCurrentNotice } from "@/lib/privacy/consent";
import { PRIVACY_NOTICE_VERSION } from "@/lib/privacy/rules";
import { acceptVersionSchema } from "@/lib/privacy/schemas";

/** A signed-in resident accepts the privacy notice version they were shown (refused if it changed meanwhile). */
export const acceptNoticeAction = formAction(
  { schema: acceptVersionSchema, roles: ["resident"] },
  async ({ version }, ctx) => {
    if (version !== PRIVACY_NOTICE_VERSION) throw new AppError("conflict", "errors.conflict");
    await acceptCurrentNotice(ctx.db, ctx.companyId, ctx.user.id);
    return null;
  },
);
