import { z } from "zod";
import {
  FEE_ITEM_KINDS,
  PAYMENT_METHODS,
  PRORATION_MODES,
  ROUNDING_MODES,
  UNIT_PERIOD_KINDS,
} from "@/db/schema/billing";
import { MAX_AHEAD_MONTHS } from "./limits";
import { MAX_PAYMENT_FEN, parseCenti, parseYuan } from "./rules";
import { isMonth } from "@/lib/time/calendar";
import { idField as id } from "@/lib/validation";

/** Billing field rules, shared by forms, actions and tests. Messages are i18n keys. */

/** A positive yuan amount typed by a person ("12.50") → integer fen. Zero, negatives, 3 decimals refused. */
export const yuanField = z.union([z.string(), z.number()], { error: "validation.required" }).transform((v, ctx) => {
  const fen = parseYuan(String(v));
  if (fen === null || fen <= 0) {
    ctx.addIssue({ code: "custom", message: "billing.errors.amount" });
    return z.NEVER;
  }
  return fen;
});

/** A signed yuan amount for adjustments ("-10.00" = a discount). */
export const signedYuanField = z
  .union([z.string(), z.number()], { error: "validation.required" })
  .transform((v, ctx) => {
    const text = String(v).trim();
    const negative = text.startsWith("-");
    const fen = parseYuan(negative ? text.slice(1) : text.replace(/^\+/, ""));
    if (fen === null || fen === 0) {
      ctx.addIssue({ code: "custom", message: "billing.errors.amount" });
      return z.NEVER;
    }
    return negative ? -fen : fen;
  });

export const reasonField = z
  .string({ error: "validation.required" })
  .trim()
  .min(2, "billing.errors.reason")
  .max(200, "validation.tooLong");

export const periodField = z.string({ error: "validation.required" }).refine(isMonth, "billing.errors.period");

export const CASHIER_METHODS = PAYMENT_METHODS.filter(
  (m): m is Exclude<(typeof PAYMENT_METHODS)[number], "online"> => m !== "online",
);

export const cashierPaymentSchema = z.object({
  householdId: id,
  amount: yuanField.pipe(z.number().max(MAX_PAYMENT_FEN, "billing.errors.amountTooLarge")),
  method: z.enum(CASHIER_METHODS, { error: "billing.errors.method" }),
  note: z.string().trim().max(200, "validation.tooLong").optional(),
  /** Made once per form in the browser: a double submit records one payment. */
  idempotencyKey: z.string().uuid("validation.required"),
});

/**
 * The cashier's QR (WeChat Pay Native / Alipay precreate): the bills chosen at the desk — the
 * amount is computed from them on the server — and a one-time request id (the checkout's id, so
 * a double click opens one order).
 */
export const deskQrSchema = z.object({
  householdId: id,
  billIds: z
    .array(z.coerce.number().int().positive())
    .min(1, "billing.desk.errors.noBills")
    .max(120, "validation.tooMany"),
  provider: z.enum(["wechatpay", "alipay"], { error: "validation.required" }),
  requestId: z.string().uuid("validation.required"),
});

/** One of the cashier's QR checkouts (poll its status, or cancel it). */
export const deskCheckoutSchema = z.object({ sessionId: z.string().uuid("validation.required") });

export const checkoutSchema = z.object({
  householdId: id,
  billIds: z.array(z.coerce.number().int().positive()).max(120, "validation.tooMany"),
  aheadMonths: z.coerce
    .number()
    .int()
    .min(0, "billing.errors.aheadMonths")
    .max(MAX_AHEAD_MONTHS, "billing.errors.aheadMonths"),
});

export const checkoutIdSchema = z.object({ sessionId: z.string().uuid("validation.required") });

export const generateSchema = z.object({ period: periodField });

export const voidSchema = z.object({ billId: id, reason: reasonField });
export const adjustSchema = z.object({ billId: id, amount: signedYuanField, reason: reasonField });
/** `requestId`: made once when the refund form renders — a double submit records one refund. */
export const refundSchema = z.object({
  paymentId: id,
  amount: yuanField,
  reason: reasonField,
  requestId: z.string().uuid("validation.required"),
});

/** A month "YYYY-MM" or empty (the command takes the current month). */
const optionalPeriodField = z
  .preprocess((v) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v), periodField.optional())
  .optional();

export const feeItemSchema = z.object({
  name: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(50, "validation.tooLong"),
  kind: z.enum(FEE_ITEM_KINDS, { error: "validation.required" }),
  price: yuanField,
  /** The first month the price applies (bills for earlier months do not charge the item); empty = this month. */
  fromPeriod: optionalPeriodField,
});
/** A changed price applies from `fromPeriod` (empty = this month) on; earlier months keep their price. */
export const feeItemUpdateSchema = z.object({
  id,
  price: yuanField,
  active: z.boolean(),
  fromPeriod: optionalPeriodField,
});

export const settingsSchema = z.object({
  dueDay: z.coerce.number().int().min(1, "billing.errors.dueDay").max(28, "billing.errors.dueDay"),
  rounding: z.enum(ROUNDING_MODES),
  proration: z.enum(PRORATION_MODES).default("days"),
  /** Vacancy rate in percent ("70", "72.5") → basis points. */
  vacancyRate: z
    .union([z.string(), z.number()])
    .default("70")
    .transform((v, ctx) => {
      const bp = parseCenti(String(v));
      if (bp === null || bp > 10_000) {
        ctx.addIssue({ code: "custom", message: "billing.errors.vacancyRate" });
        return z.NEVER;
      }
      return bp;
    }),
});

/** The monthly collection-rate target in percent ("95", "92.5") → basis points; empty = no target. */
export const collectionTargetSchema = z.object({
  target: z
    .union([z.string(), z.number()])
    .default("")
    .transform((v, ctx) => {
      if (String(v).trim() === "") return null;
      const bp = parseCenti(String(v));
      if (bp === null || bp > 10_000) {
        ctx.addIssue({ code: "custom", message: "billing.errors.collectionTarget" });
        return z.NEVER;
      }
      return bp;
    }),
});

const day = z.string({ error: "validation.required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date");

/** A vacant, fee-free or developer-paid period of a unit; an empty end means open-ended. A developer-paid period names the contract customer billed. */
export const unitPeriodSchema = z
  .object({
    unitId: id,
    kind: z.enum(UNIT_PERIOD_KINDS),
    fromDate: day,
    toDate: z.preprocess((v) => (v === "" || v === undefined ? null : v), day.nullable()),
    customerId: z.preprocess((v) => (v === "" || v === undefined || v === null ? null : v), id.nullable()),
  })
  .refine((v) => v.kind !== "developer" || v.customerId !== null, {
    path: ["customerId"],
    message: "validation.required",
  });

/** A one-off service charge; the amount defaults to the fee item's price when left empty. */
export const chargeSchema = z.object({
  householdId: id,
  feeItemId: id,
  amount: z.union([z.literal(""), yuanField]).transform((v) => (v === "" ? undefined : v)),
});

/** A meter reading typed by a person ("1234", "1234.5"): hundredths; empty = not read (null). */
export const readingField = z.union([z.string(), z.number()], { error: "validation.required" }).transform((v, ctx) => {
  const text = String(v).trim();
  if (text === "") return null;
  const centi = parseCenti(text);
  if (centi === null) {
    ctx.addIssue({ code: "custom", message: "billing.errors.reading" });
    return z.NEVER;
  }
  return centi;
});

/** One month's readings of a metered item: a row per unit of the sheet. */
export const readingsSchema = z.object({
  feeItemId: id,
  period: periodField,
  readings: z.array(z.object({ unitId: id, reading: readingField })).max(2000, "validation.tooMany"),
});

/** 多种经营: a contract customer (not a resident). */
export const contractCustomerSchema = z.object({
  name: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(100, "validation.tooLong"),
  contact: z.string().trim().max(50, "validation.tooLong").optional(),
  phone: z.string().trim().max(30, "validation.tooLong").optional(),
});

export const contractSchema = z
  .object({
    customerId: id,
    communityId: id,
    description: z
      .string({ error: "validation.required" })
      .trim()
      .min(1, "validation.required")
      .max(200, "validation.tooLong"),
    monthly: yuanField,
    startMonth: periodField,
    endMonth: periodField,
  })
  .refine((c) => c.endMonth >= c.startMonth, { path: ["endMonth"], message: "billing.errors.endMonth" });

export const contractPaymentSchema = z.object({
  customerId: id,
  amount: yuanField.pipe(z.number().max(MAX_PAYMENT_FEN, "billing.errors.amountTooLarge")),
  method: z.enum(CASHIER_METHODS, { error: "billing.errors.method" }),
  idempotencyKey: z.string().uuid("validation.required"),
});
