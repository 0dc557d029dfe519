import { z } from "zod";
import { LOCAL_DATE_TIME } from "@/lib/time/zone";
import { idField, nameField } from "@/lib/validation";
import { MAX_ENTRIES, MAX_RETENTION_DAYS, normalizePlate, PASS_TOKEN } from "./rules";

const localDateTime = z
  .string({ error: "validation.required" })
  .trim()
  .regex(LOCAL_DATE_TIME, "visitors.errors.dateTime");

/** A resident's new pass: one of their households, the visitor, the window (company time), once or several entries. */
export const createPassSchema = z
  .object({
    householdId: idField,
    visitorName: nameField.max(40, "validation.tooLong"),
    plate: z
      .string()
      .trim()
      .max(12, "validation.tooLong")
      .transform((v) => (v === "" ? null : normalizePlate(v)))
      .refine((v) => v === null || /^[\p{Script=Han}A-Z0-9]{5,9}$/u.test(v), "visitors.errors.plate"),
    validFrom: localDateTime,
    validUntil: localDateTime,
    kind: z.enum(["once", "multi"], "validation.required"),
    maxEntries: z.coerce
      .number({ error: "validation.required" })
      .int("visitors.errors.entries")
      .min(2, "visitors.errors.entries")
      .max(MAX_ENTRIES, "visitors.errors.entries")
      .optional()
      .or(z.literal("").transform(() => undefined)),
  })
  .refine((v) => v.kind === "once" || v.maxEntries !== undefined, {
    path: ["maxEntries"],
    message: "visitors.errors.entries",
  })
  .transform(({ kind, maxEntries, ...rest }) => ({ ...rest, maxEntries: kind === "once" ? 1 : (maxEntries ?? 1) }));
export type CreatePassInput = z.output<typeof createPassSchema>;

export const revokePassSchema = z.object({ passId: idField });

/** What the gate reads: the token from the QR code, typed in, or the whole link it encodes. */
export const scanPassSchema = z.object({
  code: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(300, "validation.tooLong")
    .transform(
      (v) =>
        v
          .split(/[/?#=]/)
          .filter(Boolean)
          .pop() ?? "",
    )
    .refine((v) => PASS_TOKEN.test(v), "visitors.errors.code"),
});

export const visitorSettingsSchema = z.object({
  retentionDays: z.coerce
    .number({ error: "validation.required" })
    .int("visitors.errors.retention")
    .min(1, "visitors.errors.retention")
    .max(MAX_RETENTION_DAYS, "visitors.errors.retention"),
});
