"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { addAttachments } from "@/lib/approvals/attachments";
import { formAction } from "@/lib/actions/form-action";
import { filesOf } from "@/lib/actions/form-data";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { CHAIN_ADMIN_ROLES } from "@/lib/approvals/access";
import { decide } from "@/lib/approvals/commands/decide";
import { saveChainConfig } from "@/lib/approvals/commands/chains";
import { saveRequest } from "@/lib/approvals/commands/save-request";
import { withdraw } from "@/lib/approvals/commands/withdraw";
import { chainConfigSchema, decisionSchema, requestSchema, withdrawSchema } from "@/lib/approvals/schemas";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { localParts } from "@/lib/time/zone";

/** Creates / edits a request (draft or submit). Any staff member, for themselves. */
export const saveRequestAction = authorizedAction({ schema: requestSchema, roles: STAFF_ROLES }, async (input, ctx) => {
  const res = await saveRequest(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id, roles: ctx.roles }, input);
  revalidatePath("/staff/approvals", "layout");
  return res;
});

/** Approve / reject / return the current step; the step and the person are checked in decide(). */
export const decideAction = authorizedAction({ schema: decisionSchema, roles: STAFF_ROLES }, async (input, ctx) => {
  const today = localParts(new Date(), ctx.user.timeZone).date;
  const res = await decide(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id, roles: ctx.roles }, input, today);
  revalidatePath("/staff", "layout");
  return res;
});

export const withdrawAction = authorizedAction({ schema: withdrawSchema, roles: STAFF_ROLES }, async (input, ctx) => {
  const res = await withdraw(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id, roles: ctx.roles }, input);
  revalidatePath("/staff", "layout");
  return res;
});

export const saveChainsAction = authorizedAction(
  { schema: chainConfigSchema, roles: CHAIN_ADMIN_ROLES },
  async (chains, ctx) => {
    await saveChainConfig(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id, roles: ctx.roles }, chains);
    revalidatePath("/staff/approvals/settings");
    return null;
  },
);

/** The requester attaches images (contract scans, quotes, receipts) — FormData with "photos". */
export const attachAction = formAction(
  { schema: z.object({ requestId: z.coerce.number().int().positive() }), roles: STAFF_ROLES },
  async (input, ctx, fd) => {
    const res = await addAttachments(
      ctx.db,
      { companyId: ctx.companyId, userId: ctx.user.id, roles: ctx.roles },
      input.requestId,
      filesOf(fd),
    );
    revalidatePath(`/staff/approvals/${input.requestId}`);
    return res;
  },
);
