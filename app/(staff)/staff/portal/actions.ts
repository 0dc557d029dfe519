"use server";

import { revalidatePath } from "next/cache";
import { checkIn, createActivity } from "@/lib/portal/activities-staff";
import { createNotice } from "@/lib/portal/notices";
import { ACTIVITY_ROLES, NOTICE_ROLES, SHOP_ROLES } from "@/lib/portal/roles";
import {
  activitySchema,
  cancelOrderSchema,
  checkInSchema,
  noticeSchema,
  orderIdSchema,
  productSchema,
} from "@/lib/portal/schemas";
import { advanceOrder, cancelOrder } from "@/lib/portal/shop/orders";
import { saveProduct } from "@/lib/portal/shop/catalogue";
import { checkImages, withStoredImages } from "@/lib/tickets/attachments";
import { formAction } from "@/lib/actions/form-action";
import { z } from "zod";
import { zonedLocalToDate } from "@/lib/time/zone";

export const createNoticeAction = formAction({ schema: noticeSchema, roles: NOTICE_ROLES }, async (input, ctx) => {
  const row = await createNotice(
    ctx.db,
    { companyId: ctx.companyId, userId: ctx.user.id, roles: ctx.roles },
    { ...input, publishAt: input.publishAt ? zonedLocalToDate(input.publishAt, ctx.user.timeZone) : undefined },
    new Date(),
  );
  revalidatePath("/staff/portal/notices");
  return { id: row.id };
});

export const createActivityAction = formAction(
  { schema: activitySchema, roles: ACTIVITY_ROLES },
  async (input, ctx) => {
    const row = await createActivity(
      ctx.db,
      { companyId: ctx.companyId, userId: ctx.user.id, roles: ctx.roles, timeZone: ctx.user.timeZone },
      input,
    );
    revalidatePath("/staff/portal/activities");
    return { id: row.id };
  },
);

export const checkInAction = formAction({ schema: checkInSchema, roles: ACTIVITY_ROLES }, async ({ signupId }, ctx) => {
  const { activityId } = await checkIn(
    ctx.db,
    { companyId: ctx.companyId, userId: ctx.user.id, roles: ctx.roles },
    signupId,
    new Date(),
  );
  revalidatePath(`/staff/portal/activities/${activityId}`);
  return { id: activityId };
});

/** Saves a product; an optional photo is checked and stored like work-order photos. */
export const saveProductAction = formAction({ schema: productSchema, roles: SHOP_ROLES }, async (input, ctx, fd) => {
  const files = fd.getAll("photos").filter((f): f is File => f instanceof File && f.size > 0);
  const images = await checkImages(files.slice(0, 1));
  const row = await withStoredImages(images, (stored) =>
    saveProduct(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, input, stored[0]),
  );
  revalidatePath("/staff/portal/shop");
  revalidatePath("/shop");
  return { id: row.id };
});

const advanceSchema = orderIdSchema.extend({ to: z.enum(["accepted", "delivered", "done"]) });

export const advanceOrderAction = formAction(
  { schema: advanceSchema, roles: SHOP_ROLES },
  async ({ orderId, to }, ctx) => {
    await advanceOrder(ctx.db, { companyId: ctx.companyId, userId: ctx.user.id }, orderId, to, new Date());
    revalidatePath("/staff/portal/shop/orders");
    return { id: orderId };
  },
);

export const staffCancelOrderAction = formAction(
  { schema: cancelOrderSchema, roles: SHOP_ROLES },
  async ({ orderId, reason }, ctx) => {
    await cancelOrder(
      ctx.db,
      { companyId: ctx.companyId, userId: ctx.user.id, timeZone: ctx.user.timeZone },
      orderId,
      reason,
      new Date(),
    );
    revalidatePath("/staff/portal/shop/orders");
    return { id: orderId };
  },
);
