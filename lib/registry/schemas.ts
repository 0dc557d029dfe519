import { z } from "zod";
import { HOUSEHOLD_KINDS, UNIT_TYPES } from "@/db/schema/registry";
import { idField as id, optionalEmailField, phoneField } from "@/lib/validation";
import { checkArea, parseAreaToCenti } from "./rules";

/** Registry field rules, shared by the staff forms, their actions, the CSV import and the tests. */

export const registryNameField = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(100, "validation.tooLong");

export const buildingCodeField = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(10, "validation.tooLong")
  .regex(/^[A-Za-z0-9]+$/, "validation.buildingCode")
  .transform((v) => v.toUpperCase());

export const unitNumberField = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(20, "validation.tooLong")
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, "validation.unitNumber")
  .transform((v) => v.toUpperCase());

/** Area typed in m² → integer hundredths of m²; ≤ 0 and > 10,000 m² refused. */
export const areaField = z.union([z.string(), z.number()], { error: "validation.required" }).transform((v, ctx) => {
  const centi = parseAreaToCenti(String(v));
  const problem = checkArea(centi);
  if (problem) {
    ctx.addIssue({ code: "custom", message: `validation.area.${problem}` });
    return z.NEVER;
  }
  return centi as number;
});

export const floorField = z
  .union([z.string(), z.number()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "") return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n < -10 || n > 200) {
      ctx.addIssue({ code: "custom", message: "validation.floor" });
      return z.NEVER;
    }
    return n;
  });

export const communitySchema = z.object({
  name: registryNameField,
  address: z
    .string()
    .trim()
    .max(200, "validation.tooLong")
    .optional()
    .transform((v) => v || null),
});

export const buildingSchema = z.object({
  communityId: id,
  code: buildingCodeField,
  name: registryNameField,
  floors: floorField,
});

export const unitSchema = z.object({
  buildingId: id,
  number: unitNumberField,
  floor: floorField,
  area: areaField,
  type: z.enum(UNIT_TYPES, "validation.unitType"),
});

export const contactSchema = z.object({
  name: registryNameField,
  phone: phoneField,
  email: optionalEmailField,
});

/** A calendar day "YYYY-MM-DD" (handover, purchase, transfer). */
export const dayField = z
  .string({ error: "validation.required" })
  .trim()
  .refine(
    (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    "validation.date",
  );

/** Optional day: empty means "today" (the command decides). */
export const optionalDayField = z
  .preprocess((v) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v), dayField.optional())
  .optional();

export const householdSchema = z.object({
  name: registryNameField,
  /** First day the household holds the units it gets now (handover / purchase); empty = today. */
  fromDate: optionalDayField,
  kind: z.enum(HOUSEHOLD_KINDS, "validation.householdKind"),
  unitIds: z.array(id).min(1, "validation.unitsRequired"),
  contacts: z.array(contactSchema).min(1, "validation.contactsRequired").max(10, "validation.tooMany"),
});

export const communityUpdateSchema = communitySchema.extend({ id });
export const buildingUpdateSchema = buildingSchema.omit({ communityId: true }).extend({ id });
export const unitUpdateSchema = unitSchema.omit({ buildingId: true }).extend({ id });
export const householdUpdateSchema = householdSchema.extend({ id });
export const idSchema = z.object({ id });

export const activeSchema = z.object({
  entity: z.enum(["community", "building", "unit", "household"]),
  id,
  active: z.boolean(),
});

const optionalUserId = z
  .union([z.string(), z.number(), z.null()])
  .transform((v) => (v === "" || v === null ? null : Number(v)))
  .refine((v) => v === null || (Number.isInteger(v) && v > 0), "validation.required");

export const buildingButlerSchema = z.object({ buildingId: id, butlerUserId: optionalUserId });
/** A building move from the page: `expectedButlerUserId` is the butler the page showed (an undo names the new one). */
export const buildingMoveSchema = buildingButlerSchema.extend({ expectedButlerUserId: optionalUserId.optional() });
export const unitRangeButlerSchema = z.object({
  buildingId: id,
  from: unitNumberField,
  to: unitNumberField,
  butlerUserId: optionalUserId,
});
export const supervisorSchema = z.object({ butlerUserId: id, supervisorUserId: optionalUserId });
export const communityManagerSchema = z.object({ communityId: id, managerUserId: optionalUserId });

/** 过户: the unit passes from its current holder to `toHouseholdId` on `date` (the new holder's first day). */
export const transferSchema = z.object({
  unitId: id,
  toHouseholdId: id,
  date: dayField,
  /** The holder the person saw when recording; a transfer recorded meanwhile makes this one fail. */
  fromHouseholdId: id,
});

/** The transfer form: the buyer by its household code (printed on its bills). */
export const transferFormSchema = transferSchema.omit({ toHouseholdId: true }).extend({
  toHouseholdCode: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(20, "validation.tooLong")
    .transform((v) => v.toUpperCase()),
});
