import { z } from "zod";
import { idField as id, optionalTextField } from "@/lib/validation";
import { periodField, readingField } from "./schemas";

/** 抄表 field rules (issue 19 point 5), shared by forms, actions and tests. Messages are i18n keys. */

/** A reading that must be entered (the round and the self-reading read one unit at a time). */
const requiredReading = readingField.refine((v) => v !== null, "validation.required").transform((v) => v!);

/** A tick box posted by a form ("on") or sent as a boolean. */
const tick = z
  .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

/** One unit's reading on the phone round; `confirm`: the reader checked a reading far from the usual. */
export const roundReadingSchema = z.object({
  feeItemId: id,
  period: periodField,
  unitId: id,
  reading: requiredReading,
  confirm: tick,
});
export type RoundReadingInput = z.output<typeof roundReadingSchema>;

/** A resident's self-reading of one of their units for this month (the month is the server's). */
export const selfReadingSchema = z.object({ feeItemId: id, unitId: id, reading: requiredReading });
export type SelfReadingInput = z.output<typeof selfReadingSchema>;

/** Staff approve or reject a pending self-reading; a rejection needs a reason. */
export const reviewReadingSchema = z
  .object({
    readingId: id,
    decision: z.enum(["approve", "reject"], { error: "validation.required" }),
    reason: optionalTextField(200),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "reject" && !v.reason)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "billing.selfRead.reasonRequired" });
  });
export type ReviewReadingInput = z.output<typeof reviewReadingSchema>;

const day = z.union([
  z.literal(""),
  z.coerce.number().int().min(1, "billing.selfRead.day").max(31, "billing.selfRead.day"),
]);

/** The self-reading window: days of the month, inclusive; both empty = residents cannot self-read. */
export const selfReadWindowSchema = z
  .object({ fromDay: day.optional(), toDay: day.optional() })
  .transform((v) => ({
    fromDay: v.fromDay === "" || v.fromDay === undefined ? null : v.fromDay,
    toDay: v.toDay === "" || v.toDay === undefined ? null : v.toDay,
  }))
  .superRefine((v, ctx) => {
    if ((v.fromDay === null) !== (v.toDay === null) || (v.fromDay !== null && v.toDay! < v.fromDay))
      ctx.addIssue({ code: "custom", path: ["toDay"], message: "billing.selfRead.window" });
  });
export type SelfReadWindowInput = z.output<typeof selfReadWindowSchema>;
