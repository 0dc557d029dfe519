import { z } from "zod";
import { SMS_KINDS, SMS_PROVIDERS } from "@/db/schema/messaging";

const text = (max: number) => z.string().trim().max(max, "validation.tooLong");
const minuteOfDay = z.coerce.number().int("validation.notA").min(0, "validation.notA").max(1439, "validation.notA");

/**
 * A company's SMS settings as the admin enters them. Blank key fields keep the stored keys
 * (they are never shown back); a provider other than "log" needs a sign name.
 */
export const smsSettingsSchema = z
  .object({
    provider: z.enum(SMS_PROVIDERS, "validation.required"),
    signName: text(40),
    appId: text(40),
    templates: z.partialRecord(z.enum(SMS_KINDS), text(60)),
    keyId: text(200),
    keySecret: text(200),
    quietStartMinute: minuteOfDay,
    quietEndMinute: minuteOfDay,
  })
  .superRefine((v, ctx) => {
    if (v.provider !== "log" && !v.signName)
      ctx.addIssue({ code: "custom", path: ["signName"], message: "validation.required" });
    if (v.provider === "tencent" && !v.appId)
      ctx.addIssue({ code: "custom", path: ["appId"], message: "validation.required" });
  });
export type SmsSettingsInput = z.input<typeof smsSettingsSchema>;
