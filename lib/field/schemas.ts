import { z } from "zod";
import { ANOMALY_KINDS, CLEANING_AREA_KINDS } from "@/db/schema/field";
import { TIME_OF_DAY } from "./rules";

/** A scan as the guard's phone sends it: the round, the decoded QR text and when the camera decoded it. */
export const scanSchema = z.object({
  roundId: z.coerce.number().int().positive(),
  token: z
    .string()
    .trim()
    .min(1, "field.scan.empty")
    .max(200, "field.scan.foreign")
    // The QR text may be a full URL ending in the token (…/c/<token>); the token is its last segment.
    .transform((s) => s.split("/").pop() ?? s),
  capturedAt: z.coerce.number().int().positive(),
});
export type ScanInput = z.output<typeof scanSchema>;

export const handoverSchema = z.object({
  communityId: z.coerce.number().int().positive(),
  note: z.string().trim().min(1, "field.handover.empty").max(1000, "field.handover.tooLong"),
});
export type HandoverInput = z.output<typeof handoverSchema>;

export const taskDoneSchema = z.object({
  taskId: z.coerce.number().int().positive(),
  note: z.string().trim().max(500, "field.task.noteTooLong").optional(),
});
export type TaskDoneInput = z.output<typeof taskDoneSchema>;

const times = z
  .array(z.string().regex(TIME_OF_DAY, "field.plan.badTime"))
  .min(1, "field.plan.noTimes")
  .max(24, "field.plan.tooManyTimes");

export const areaSchema = z.object({
  communityId: z.coerce.number().int().positive(),
  name: z.string().trim().min(1, "validation.required").max(100, "validation.tooLong"),
  kind: z.enum(CLEANING_AREA_KINDS, "validation.required"),
  standard: z.string().trim().max(1000, "validation.tooLong").default(""),
  times,
  windowMinutes: z.coerce.number().int().min(15, "field.plan.badWindow").max(720, "field.plan.badWindow"),
  weekdays: z.coerce.number().int().min(1, "field.plan.noWeekdays").max(127, "field.plan.noWeekdays"),
  assigneeId: z.coerce.number().int().positive().nullable().default(null),
});
export type AreaInput = z.output<typeof areaSchema>;

export const routeSchema = z.object({
  communityId: z.coerce.number().int().positive(),
  name: z.string().trim().min(1, "validation.required").max(100, "validation.tooLong"),
  times,
  windowMinutes: z.coerce.number().int().min(15, "field.plan.badWindow").max(720, "field.plan.badWindow"),
  guardId: z.coerce.number().int().positive().nullable().default(null),
  checkpoints: z
    .array(z.string().trim().min(1, "validation.required").max(100, "validation.tooLong"))
    .min(2, "field.plan.fewCheckpoints")
    .max(30, "field.plan.manyCheckpoints"),
});
export type RouteInput = z.output<typeof routeSchema>;

export const anomalySchema = z.object({
  roundId: z.coerce.number().int().positive(),
  checkpointId: z.coerce.number().int().positive("field.anomaly.checkpointMissing"),
  kind: z.enum(ANOMALY_KINDS, "field.anomaly.kind"),
  note: z.string().trim().min(1, "field.anomaly.note").max(1000, "validation.tooLong"),
});
export type AnomalyInput = z.output<typeof anomalySchema>;
