import { z } from "zod";
import { INSPECTION_AREA_KINDS, INSPECTION_TEAMS } from "@/db/schema/inspections";
import { idField } from "@/lib/validation";

/** Shared zod schemas of quality inspections (issue 19 point 3): the template form and the phone's submit. */

const templateItem = z.object({
  label: z.string().trim().min(1, "validation.required").max(100, "validation.tooLong"),
  maxScore: z.coerce
    .number({ error: "field.template.badMax" })
    .int("field.template.badMax")
    .min(1, "field.template.badMax")
    .max(100, "field.template.badMax"),
  team: z.enum(INSPECTION_TEAMS, "validation.required"),
});

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v == null ? [] : [v]);

/** The form posts the items as parallel lists (label[], maxScore[], team[]); rows with a blank label are left out. */
function itemsOfForm(v: unknown) {
  if (!v || typeof v !== "object" || "items" in v) return v;
  const o = v as Record<string, unknown>;
  const [labels, maxes, teams] = [list(o.label), list(o.maxScore), list(o.team)];
  const items = labels
    .map((label, i) => ({ label, maxScore: maxes[i], team: teams[i] }))
    .filter((r) => typeof r.label === "string" && r.label.trim() !== "");
  return { ...o, items };
}

export const templateSchema = z.preprocess(
  itemsOfForm,
  z.object({
    id: idField.optional(),
    name: z.string().trim().min(1, "validation.required").max(100, "validation.tooLong"),
    areaKind: z.enum(INSPECTION_AREA_KINDS, "validation.required"),
    items: z.array(templateItem).min(1, "field.template.noItems").max(30, "field.template.tooManyItems"),
    active: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()).default(true),
  }),
);
export type TemplateInput = z.output<typeof templateSchema>;

const itemScore = z.object({
  score: z.coerce.number().int("field.inspect.badScore").min(0, "field.inspect.badScore"),
  defect: z.boolean().default(false),
  note: z.string().trim().max(500, "validation.tooLong").optional(),
});

/** The phone sends the scores as one JSON field (`items`), the photos as files `photo-<index>`. */
export const inspectSchema = z.object({
  requestId: z.string().trim().min(8, "errors.validation").max(64, "errors.validation"),
  communityId: idField,
  areaId: z.preprocess((v) => (v === "" || v == null ? null : v), idField.nullable()),
  templateId: idField,
  items: z.preprocess((v) => {
    if (typeof v !== "string") return v;
    try {
      return JSON.parse(v);
    } catch {
      return null;
    }
  }, z.array(itemScore, "field.inspect.itemsMismatch").min(1, "field.inspect.itemsMismatch").max(30)),
});
export type InspectInput = z.output<typeof inspectSchema>;
