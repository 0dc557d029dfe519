"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { unbindWechat } from "@/lib/auth/wechat";
import { preferenceSchema, setPreference } from "@/lib/outbox/preferences";
import { emptySchema } from "@/lib/tenancy/schemas";

/** A resident turns one channel of one message kind on or off (their own row, their company). */
export const setPreferenceAction = authorizedAction(
  { schema: preferenceSchema, roles: ["resident"] },
  async (input, ctx) => {
    await setPreference(ctx.db, ctx.companyId, ctx.user.id, input);
    return null;
  },
);

/** A resident removes their WeChat binding in their company (WeChat sign-in then asks to bind again). */
export const unbindWechatAction = authorizedAction(
  { schema: emptySchema, roles: ["resident"] },
  async (_input, ctx) => {
    await unbindWechat(ctx.db, ctx.companyId, ctx.user.id);
    revalidatePath("/me/notifications");
    return null;
  },
);
