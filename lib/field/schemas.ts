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

/* ---- The supervisor's editing forms (posted as FormData; the same schemas on both sides). ---- */

const id = z.coerce.number().int().positive();
/** "07:00, 14:00" (a form's text) or an array → the start times. */
const timesText = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[\s,，、;；]+/).filter(Boolean) : v),
  z
    .array(z.string())
    .min(1, "field.plan.noTimes")
    .max(24, "field.plan.tooManyTimes")
    .refine((list) => list.every((t) => TIME_OF_DAY.test(t)), "field.plan.badTime"),
);
/** The weekday checkboxes (0 = Monday … 6 = Sunday) → the bit mask; or the mask itself. */
const weekdaysMask = z.preprocess(
  (v) =>
    Array.isArray(v)
      ? v.map(Number).reduce((mask: number, d) => (Number.isInteger(d) && d >= 0 && d <= 6 ? mask | (1 << d) : mask), 0)
      : v,
  z.coerce.number().int().min(1, "field.plan.noWeekdays").max(127, "field.plan.noWeekdays"),
);
/** An optional person: "" (no one) → null. */
const person = z.preprocess((v) => (v === "" || v === undefined ? null : v), id.nullable());
const window = z.coerce.number().int().min(15, "field.plan.badWindow").max(720, "field.plan.badWindow");
const label = z.string().trim().min(1, "validation.required").max(100, "validation.tooLong");

const areaFields = {
  name: label,
  kind: z.enum(CLEANING_AREA_KINDS, "validation.required"),
  standard: z.string().trim().max(1000, "validation.tooLong").default(""),
  times: timesText,
  windowMinutes: window,
  weekdays: weekdaysMask,
  assigneeId: person,
};
export const areaFormSchema = z.object({ communityId: id, ...areaFields });
export const areaEditSchema = z.object({ areaId: id, ...areaFields });
export type AreaEditInput = z.output<typeof areaEditSchema>;

const routeFields = { name: label, times: timesText, windowMinutes: window, guardId: person };
export const routeFormSchema = z.object({
  communityId: id,
  ...routeFields,
  // One checkpoint per line of the form's text box.
  checkpoints: z.preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split(/\r?\n/)
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z
      .array(z.string())
      .min(2, "field.plan.fewCheckpoints")
      .max(30, "field.plan.manyCheckpoints")
      .refine((list) => list.every((name) => name.length <= 100), "validation.tooLong"),
  ),
});
export const routeEditSchema = z.object({ routeId: id, ...routeFields });
export type RouteEditInput = z.output<typeof routeEditSchema>;

/** Switch an area or a route on or off ("1" / "0"). */
export const activeSchema = z.object({ id, active: z.enum(["1", "0"]).transform((v) => v === "1") });
export type ActiveInput = z.output<typeof activeSchema>;

export const checkpointAddSchema = z.object({ routeId: id, name: label });
export const checkpointRenameSchema = z.object({ checkpointId: id, name: label });
export const CHECKPOINT_OPS = ["up", "down", "deactivate", "activate", "reissue"] as const;
export const checkpointOpSchema = z.object({ checkpointId: id, op: z.enum(CHECKPOINT_OPS) });
export type CheckpointOp = (typeof CHECKPOINT_OPS)[number];
