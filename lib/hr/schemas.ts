import { z } from "zod";
import { STAFF_STATUSES } from "@/db/schema/hr";
import { idField as id, nameField, optionalEmailField } from "@/lib/validation";
import { CN_MOBILE, normalizePhone } from "@/lib/auth/identifiers";
import { isCalendarDate } from "@/lib/time/calendar";

/** HR field rules, shared by the forms, their actions and the tests. Messages are i18n keys. */

export const employeeNoField = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(20, "validation.tooLong")
  .regex(/^[A-Za-z0-9-]+$/, "hr.validation.employeeNo")
  .transform((v) => v.toUpperCase());

export const optionalPhoneField = z
  .string()
  .trim()
  .transform((v) => (v === "" ? null : normalizePhone(v)))
  .refine((v) => v === null || CN_MOBILE.test(v), "validation.phone");

export const dateField = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .refine(isCalendarDate, "hr.validation.date");

const optionalId = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === null || v === "") return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) {
      ctx.addIssue({ code: "custom", message: "validation.required" });
      return z.NEVER;
    }
    return n;
  });

const recordFields = {
  employeeNo: employeeNoField,
  name: nameField,
  phone: optionalPhoneField,
  email: optionalEmailField.transform((v) => v ?? null),
  communityId: optionalId,
  position: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(50, "validation.tooLong"),
  hireDate: dateField,
  status: z.enum(STAFF_STATUSES, { error: "validation.required" }),
};

export const staffRecordSchema = z.object({ userId: id, ...recordFields });
export const staffRecordUpdateSchema = z.object({ id, ...recordFields });

export type StaffRecordInput = z.output<typeof staffRecordSchema>;
export type StaffRecordUpdate = z.output<typeof staffRecordUpdateSchema>;

/** HR's attendance correction: person, local date, in/out, time HH:MM, and a reason. */
export const attendanceCorrectionSchema = z
  .object({
    userId: id,
    workDate: dateField,
    kind: z.enum(["in", "out"], { error: "validation.required" }),
    time: z
      .string({ error: "validation.required" })
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "hr.validation.time"),
    reason: z
      .string({ error: "validation.required" })
      .trim()
      .min(2, "hr.validation.reason")
      .max(200, "validation.tooLong"),
  })
  .transform(({ time, ...rest }) => ({ ...rest, minute: Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)) }));

export type AttendanceCorrection = z.output<typeof attendanceCorrectionSchema>;

export const clockSchema = z.object({ kind: z.enum(["in", "out"]) });

export const monthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

const hhmm = z
  .string({ error: "validation.required" })
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "hr.validation.time")
  .transform((v) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3, 5)));

/** A shift: the company default (no userId) or one person's override; the end after the start. */
export const shiftSchema = z
  .object({ userId: optionalId, start: hhmm, end: hhmm })
  .refine((v) => v.end > v.start, { message: "hr.validation.shiftOrder", path: ["end"] });

export type ShiftInput = z.output<typeof shiftSchema>;

const staffRole = z.enum(
  ["butler", "supervisor", "project_manager", "front_desk", "technician", "finance", "hr", "legal", "admin"],
  { error: "validation.required" },
);
const emptyToNull = (v: unknown) => (v === "" ? null : v);

/** A personnel change; which fields are needed depends on the kind. */
export const personnelChangeSchema = z
  .object({
    userId: id,
    kind: z.enum(["transfer", "role_change", "promotion", "exit"], { error: "validation.required" }),
    effectiveDate: dateField,
    reason: z
      .string({ error: "validation.required" })
      .trim()
      .min(2, "hr.validation.reason")
      .max(200, "validation.tooLong"),
    toCommunityId: optionalId,
    fromRole: z.preprocess(emptyToNull, staffRole.nullable().optional()).transform((v) => v ?? null),
    toRole: z.preprocess(emptyToNull, staffRole.nullable().optional()).transform((v) => v ?? null),
    toPosition: z
      .string()
      .trim()
      .max(50, "validation.tooLong")
      .optional()
      .transform((v) => v || null),
    successorUserId: optionalId,
  })
  .superRefine((v, ctx) => {
    const need = (path: string) => ctx.addIssue({ code: "custom", path: [path], message: "validation.required" });
    if (v.kind === "transfer" && v.toCommunityId === null) need("toCommunityId");
    if (v.kind === "role_change" && v.fromRole === null) need("fromRole");
    if (v.kind === "role_change" && v.toRole === null) need("toRole");
    if (v.kind === "promotion" && v.toPosition === null) need("toPosition");
    if (v.kind === "transfer" && v.successorUserId !== null && v.successorUserId === v.userId)
      ctx.addIssue({ code: "custom", path: ["successorUserId"], message: "hr.validation.successorInvalid" });
  })
  // Only a transfer hands work to a successor.
  .transform((v) => (v.kind === "transfer" ? v : { ...v, successorUserId: null }));

export type PersonnelChangeInput = z.output<typeof personnelChangeSchema>;

const hoursTenthsField = z
  .string({ error: "validation.required" })
  .trim()
  .regex(/^\d{1,3}(\.\d)?$/, "hr.validation.hours")
  .transform((v) => Math.round(Number(v) * 10))
  .refine((v) => v > 0 && v <= 2400, "hr.validation.hours");

const optionalCount = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === null || v === "") return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 10000) {
      ctx.addIssue({ code: "custom", message: "hr.validation.capacity" });
      return z.NEVER;
    }
    return n;
  });

/** A training course: hours typed with one decimal ("1.5"), stored in tenths. */
export const courseSchema = z.object({
  title: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(100, "validation.tooLong"),
  date: dateField,
  hours: hoursTenthsField,
  trainer: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(50, "validation.tooLong"),
  communityId: optionalId,
  capacity: optionalCount,
});
export type CourseInput = z.output<typeof courseSchema>;

export const enrolSchema = z.object({ courseId: id, userId: id });
export const enrolmentIdSchema = z.object({ enrolmentId: id });
export const completeSchema = z.object({
  enrolmentId: id,
  score: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .regex(/^\d{1,3}$/, "hr.validation.score")
    .transform(Number)
    .refine((v) => v >= 0 && v <= 100, "hr.validation.score"),
});

const periodField = z
  .string({ error: "validation.required" })
  .trim()
  .toUpperCase()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])|Q[1-4])$/, "hr.validation.period");

const managerScore = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .regex(/^\d{1,3}$/, "hr.validation.score")
  .transform(Number)
  .refine((v) => v >= 0 && v <= 100, "hr.validation.score");

const gradeChoice = z
  .preprocess(emptyToNull, z.enum(["A", "B", "C", "D"]).nullable().optional())
  .transform((v) => v ?? null);
const comment = z
  .string({ error: "validation.required" })
  .trim()
  .min(2, "hr.validation.comment")
  .max(1000, "validation.tooLong");

/** The manager's part of a review: score 0–100, comment, and optionally a grade of their own. */
export const assessmentSchema = z.object({
  userId: id,
  period: periodField,
  managerScore,
  comment,
  gradeOverride: gradeChoice,
});
export type AssessmentInput = z.output<typeof assessmentSchema>;
export const finaliseSchema = z.object({ id });
/** A correction of a final review: a new revision with a reason. */
export const correctionSchema = z.object({
  id,
  managerScore,
  comment,
  gradeOverride: gradeChoice,
  reason: z
    .string({ error: "validation.required" })
    .trim()
    .min(2, "hr.validation.reason")
    .max(200, "validation.tooLong"),
});
export type AssessmentCorrection = z.output<typeof correctionSchema>;
