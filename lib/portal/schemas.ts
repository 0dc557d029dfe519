import { z } from "zod";
import { PRODUCT_KINDS } from "@/db/schema/portal";
import { LOCAL_DATE_TIME } from "@/lib/time/zone";
import { idField } from "@/lib/validation";

/** Portal field rules, shared by forms, actions and tests. Messages are i18n keys. */
const text = (max: number) =>
  z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.tooLong");
const bool = z
  .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");
const localDateTime = z
  .string({ error: "validation.required" })
  .trim()
  .regex(LOCAL_DATE_TIME, "portal.errors.dateTime");
const optionalLocalDateTime = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .pipe(z.string().regex(LOCAL_DATE_TIME, "portal.errors.dateTime").optional());

export const noticeSchema = z.object({
  communityId: idField,
  title: text(120),
  body: text(5000),
  pinned: bool,
  emergency: bool,
  /** Company-local "YYYY-MM-DDTHH:mm"; empty = now. */
  publishAt: optionalLocalDateTime,
});
export type NoticeFormInput = z.output<typeof noticeSchema>;
export type NoticeInput = Omit<NoticeFormInput, "publishAt"> & { publishAt?: Date };

export const idSchema = z.object({ id: idField });

export const activitySchema = z
  .object({
    communityId: idField,
    title: text(120),
    description: text(3000),
    place: text(200),
    startsAt: localDateTime,
    endsAt: localDateTime,
    signupDeadline: localDateTime,
    capacity: z.coerce
      .number({ error: "validation.required" })
      .int("portal.errors.capacity")
      .min(1, "portal.errors.capacity")
      .max(10_000, "portal.errors.capacity"),
  })
  .refine((a) => a.endsAt > a.startsAt, { path: ["endsAt"], message: "portal.errors.endsBeforeStart" })
  .refine((a) => a.signupDeadline <= a.startsAt, {
    path: ["signupDeadline"],
    message: "portal.errors.deadlineAfterStart",
  });
export type ActivityFormInput = z.output<typeof activitySchema>;

export const checkInSchema = z.object({ signupId: idField });

const yuan = z
  .string({ error: "validation.required" })
  .trim()
  .regex(/^\d{1,7}(\.\d{1,2})?$/, "portal.errors.price")
  .transform((v) => {
    const [i, f = ""] = v.split(".");
    return Number(i) * 100 + Number(f.padEnd(2, "0"));
  });

export const productSchema = z.object({
  id: z.coerce.number().int().positive().optional(),
  kind: z.enum(PRODUCT_KINDS, { error: "validation.required" }),
  name: text(100),
  description: z.string().trim().max(2000, "validation.tooLong").default(""),
  /** Yuan with up to 2 decimals, stored as fen. */
  price: yuan,
  stock: z.coerce
    .number({ error: "validation.required" })
    .int("portal.errors.stock")
    .min(0, "portal.errors.stock")
    .max(1_000_000, "portal.errors.stock"),
  active: bool,
});
export type ProductInput = z.output<typeof productSchema>;

/** The most of one product a single order (or cart line) may hold. */
export const MAX_LINE_QUANTITY = 99;

export const cartSchema = z.object({
  productId: idField,
  quantity: z.coerce
    .number({ error: "validation.required" })
    .int("portal.errors.quantity")
    .min(0, "portal.errors.quantity")
    .max(MAX_LINE_QUANTITY, "portal.errors.quantity"),
});

/**
 * Placing an order: the household (must be the resident's own) and the cart's lines. Any
 * price, discount or total a client sends is not part of the schema — and refused if
 * present (strict), so a tampered request writes nothing.
 */
const tampered = {
  error: (iss: { code?: string }) => (iss.code === "unrecognized_keys" ? "portal.errors.tampered" : undefined),
};
export const placeOrderSchema = z.strictObject(
  {
    householdId: idField,
    lines: z
      .array(
        z.strictObject(
          {
            productId: idField,
            quantity: z.coerce
              .number()
              .int("portal.errors.quantity")
              .min(1, "portal.errors.quantity")
              .max(MAX_LINE_QUANTITY, "portal.errors.quantity"),
          },
          tampered,
        ),
      )
      .min(1, "portal.errors.emptyCart")
      .max(50)
      .superRefine((lines, ctx) => {
        // The cap is per product, so it is checked on the merged quantities: two lines of 99 are 198.
        const merged = new Map<number, number>();
        lines.forEach((l, i) => {
          const total = (merged.get(l.productId) ?? 0) + l.quantity;
          merged.set(l.productId, total);
          if (total > MAX_LINE_QUANTITY)
            ctx.addIssue({ code: "custom", message: "portal.errors.quantity", path: [i, "quantity"] });
        });
      }),
  },
  tampered,
);
export type PlaceOrderInput = z.output<typeof placeOrderSchema>;

export const orderIdSchema = z.object({ orderId: idField });
export const cancelOrderSchema = z.object({
  orderId: idField,
  reason: z.string().trim().max(500, "validation.tooLong").default(""),
});
export const shopCheckoutSchema = z.object({ checkoutId: z.string().regex(/^[0-9a-f-]{36}$/i, "errors.not_found") });
