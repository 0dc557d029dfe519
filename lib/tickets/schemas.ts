import { z } from "zod";
import {
  COMPLAINT_CLASSES,
  EQUIPMENT_KINDS,
  KB_CATEGORIES,
  PLAN_INTERVALS,
  REPAIR_CATEGORIES,
  SEVERITIES,
  WORK_ORDER_TYPES,
} from "@/db/schema/tickets";
import { isRating, RESIDENT_TYPES } from "./rules";
import { idField, optionalTextField } from "@/lib/validation";

/** Work-order field rules, shared by forms, actions and tests. Messages are i18n keys. */
const optionalId = z
  .union([z.string(), z.number()])
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : Number(v)))
  .pipe(z.number().int().positive().optional());
export const descriptionField = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(2000, "validation.tooLong");
const reasonField = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(500, "validation.tooLong");
const optionalCategory = z
  .union([z.enum(REPAIR_CATEGORIES), z.literal("")])
  .optional()
  .transform((v) => v || undefined);

/** A resident's request from the portal (§3). */
export const residentRequestSchema = z.object({
  type: z.enum(RESIDENT_TYPES, { error: "validation.required" }),
  unitId: idField,
  repairCategory: optionalCategory,
  description: descriptionField,
});

/** Front desk intake by phone or walk-in, or a staff member's own order, for any household. */
export const intakeSchema = z.object({
  type: z.enum(WORK_ORDER_TYPES, { error: "validation.required" }),
  channel: z.enum(["phone", "walk_in", "staff"]),
  householdId: idField,
  repairCategory: optionalCategory,
  severity: z.enum(SEVERITIES).default("normal"),
  description: descriptionField,
});

export const triageSchema = z
  .object({
    id: idField,
    classification: z.enum(COMPLAINT_CLASSES, { error: "validation.required" }),
    points: z.coerce.number({ error: "validation.required" }).int("tickets.errors.pointsOutOfRange"),
  })
  .superRefine((v, ctx) => {
    // The classification's exact range comes from the company's published CRM-EW rules and is
    // checked by triageOrder; here only what no rule set can allow.
    if (v.points > -1 || v.points < -100)
      ctx.addIssue({ code: "custom", path: ["points"], message: "tickets.errors.pointsOutOfRange" });
  });

export const orderIdSchema = z.object({ id: idField });
export const resolveSchema = z.object({
  id: idField,
  note: optionalTextField(2000),
  checklistDone: z.array(z.coerce.number().int().min(0)).default([]),
});
export const confirmSchema = z.object({
  id: idField,
  rating: z.coerce.number({ error: "tickets.errors.rating" }).refine((n) => isRating(n), "tickets.errors.rating"),
  comment: optionalTextField(1000),
});
export const reasonSchema = z.object({ id: idField, reason: reasonField });
export const commentSchema = z.object({ id: idField, body: descriptionField });

export const emergencySchema = z.object({
  communityId: idField,
  location: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(200, "validation.tooLong"),
  severity: z.enum(SEVERITIES).default("critical"),
  description: descriptionField,
});

export const equipmentSchema = z.object({
  communityId: idField,
  name: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(100, "validation.tooLong"),
  kind: z.enum(EQUIPMENT_KINDS, { error: "validation.required" }),
  location: optionalTextField(200),
});

const dateField = z.string({ error: "validation.required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "tickets.errors.date");
export const planSchema = z.object({
  equipmentId: idField,
  title: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(100, "validation.tooLong"),
  every: z.coerce
    .number({ error: "validation.required" })
    .int()
    .min(1, "tickets.errors.every")
    .max(365, "tickets.errors.every"),
  interval: z.enum(PLAN_INTERVALS),
  startDate: dateField,
  leadDays: z.coerce.number().int().min(0).max(60).default(3),
  checklist: z
    .string()
    .transform((s) =>
      s
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().max(200, "validation.tooLong"))
        .min(1, "tickets.errors.checklistRequired")
        .max(30, "validation.tooMany"),
    ),
});

export const kbArticleSchema = z.object({
  id: optionalId,
  title: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(200, "validation.tooLong"),
  category: z.enum(KB_CATEGORIES),
  body: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(20000, "validation.tooLong"),
  workOrderTypes: z.array(z.enum(WORK_ORDER_TYPES)).default([]),
  public: z.boolean().default(false),
});

export const skillsSchema = z.object({
  userId: idField,
  categories: z.array(z.enum(REPAIR_CATEGORIES)).max(REPAIR_CATEGORIES.length),
});

export const orderFilterSchema = z.object({
  type: z.enum(WORK_ORDER_TYPES).optional().catch(undefined),
  status: z.enum(["open", "closed", "all"]).optional().catch(undefined),
  overdue: z.literal("1").optional().catch(undefined),
  /** Orders still waiting for acceptance (with `assignee`: by that person). */
  unaccepted: z.literal("1").optional().catch(undefined),
  /** One team member's orders (only within what the viewer may see). */
  assignee: z.coerce.number().int().positive().optional().catch(undefined),
  /** Created today (the front desk's intake). */
  since: z.literal("today").optional().catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(undefined),
});

/** 批量接单: the ticked orders of the queue. */
export const bulkAcceptSchema = z.object({
  ids: z.array(idField).min(1, "tickets.errors.noneSelected").max(100, "tickets.errors.tooMany"),
});

/** 批量派单 / 批量接单 from one form: the ticked orders, what to do (the clicked button), and for "assign" the person. */
export const bulkOrdersSchema = z
  .object({
    ids: z.array(idField).min(1, "tickets.errors.noneSelected").max(100, "tickets.errors.tooMany"),
    op: z.enum(["assign", "accept"]).default("assign"),
    userId: z.preprocess((v) => (v === "" || v == null ? undefined : v), idField.optional()),
  })
  .refine((v) => v.op !== "assign" || v.userId !== undefined, {
    path: ["userId"],
    message: "tickets.errors.chooseAssignee",
  });

export const slaSchema = z
  .object({
    type: z.enum(WORK_ORDER_TYPES),
    severity: z.enum(SEVERITIES),
    acceptMinutes: z.coerce
      .number({ error: "validation.required" })
      .int()
      .min(1, "tickets.errors.minutes")
      .max(43_200, "tickets.errors.minutes"),
    resolveMinutes: z.coerce
      .number({ error: "validation.required" })
      .int()
      .min(1, "tickets.errors.minutes")
      .max(525_600, "tickets.errors.minutes"),
  })
  .refine((v) => v.resolveMinutes >= v.acceptMinutes, {
    path: ["resolveMinutes"],
    message: "tickets.errors.resolveBeforeAccept",
  });
