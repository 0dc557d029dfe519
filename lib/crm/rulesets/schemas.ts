import { z } from "zod";
import { ASSIGNEE_ROLES, COMPLAINT_CLASSES } from "@/db/schema/tickets";
import { ARREARS_TASKS, NOTICE_KINDS, type CrmRules } from "../config";

/**
 * CrmRules as data (SPEC §8): the zod schema every saved draft and published rule set passes.
 * Messages are i18n keys under "crm.rules.errors" (or the shared "validation").
 */
const int = (min: number, max: number) =>
  z.coerce
    .number({ error: "validation.required" })
    .int("crm.rules.errors.integer")
    .min(min, "crm.rules.errors.range")
    .max(max, "crm.rules.errors.range");

const complaintRange = z
  .object({
    max: int(-100, -1),
    min: int(-100, -1),
    recipients: z.array(z.enum(ASSIGNEE_ROLES)).min(1, "crm.rules.errors.recipients"),
  })
  .superRefine((r, ctx) => {
    if (r.min > r.max) ctx.addIssue({ code: "custom", path: ["min"], message: "crm.rules.errors.minAboveMax" });
  });

const arrearsStep = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,20}$/, "crm.rules.errors.stepKey"),
  months: int(1, 120),
  points: int(-100, 0),
  notice: z.enum(NOTICE_KINDS),
  recipients: z.array(z.enum(ASSIGNEE_ROLES)),
  task: z.enum(ARREARS_TASKS).nullable(),
  repeatEveryMonths: int(1, 24).optional(),
  legal: z.boolean().optional(),
});

export const crmRulesSchema = z
  .object({
    initialScore: int(0, 100),
    bandFloors: z.object({ excellent: int(1, 100), good: int(1, 100), fair: int(1, 100), poor: int(1, 100) }),
    complaints: z.object({
      invalid: complaintRange,
      general: complaintRange,
      medium: complaintRange,
      major: complaintRange,
    }),
    arrears: z.object({ steps: z.array(arrearsStep).min(1, "crm.rules.errors.required") }),
    gold: z.object({
      prepaidMonths: int(1, 120),
      points: int(0, 100),
      badgeMonths: int(1, 120),
      vipDiscountPercent: int(0, 100),
    }),
    visits: z.object({ coveragePercent: z.tuple([int(0, 100), int(0, 100), int(0, 100)]) }),
    recovery: z.object({ enabled: z.boolean(), pointsPerMonth: int(0, 100) }),
  })
  .superRefine((r, ctx) => {
    const f = r.bandFloors;
    const order = [f.excellent, f.good, f.fair, f.poor];
    (["good", "fair", "poor"] as const).forEach((k, i) => {
      if (!(order[i + 1] < order[i]))
        ctx.addIssue({ code: "custom", path: ["bandFloors", k], message: "crm.rules.errors.floorsDecreasing" });
    });
    // Complaint ranges: in order invalid → major, each deducting more than the one before, never overlapping.
    COMPLAINT_CLASSES.forEach((c, i) => {
      if (i === 0) return;
      const prev = r.complaints[COMPLAINT_CLASSES[i - 1]];
      if (!(r.complaints[c].max < prev.min))
        ctx.addIssue({ code: "custom", path: ["complaints", c, "max"], message: "crm.rules.errors.rangesOverlap" });
    });
    const steps = r.arrears.steps;
    steps.forEach((s, i) => {
      if (i > 0 && !(s.months > steps[i - 1].months))
        ctx.addIssue({
          code: "custom",
          path: ["arrears", "steps", i, "months"],
          message: "crm.rules.errors.monthsIncreasing",
        });
      if (steps.findIndex((x) => x.key === s.key) !== i)
        ctx.addIssue({
          code: "custom",
          path: ["arrears", "steps", i, "key"],
          message: "crm.rules.errors.duplicateKey",
        });
    });
    const cov = r.visits.coveragePercent;
    if (!(cov[0] < cov[1] && cov[1] < cov[2]))
      ctx.addIssue({
        code: "custom",
        path: ["visits", "coveragePercent"],
        message: "crm.rules.errors.coverageIncreasing",
      });
  }) satisfies z.ZodType<CrmRules, unknown>;

export type CrmRulesInput = z.input<typeof crmRulesSchema>;
