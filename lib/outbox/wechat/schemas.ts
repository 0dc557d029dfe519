import { z } from "zod";
import { WECHAT_KINDS } from "@/db/schema/wechat";
import { parseFieldMapping, WECHAT_PARAMS } from "./rules";

/** The official account as the admin enters it. A blank AppSecret keeps the stored one (it is never shown back). */

const text = (max: number) => z.string().trim().max(max, "validation.tooLong");
const checkbox = z
  .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");
const baseUrl = text(200)
  .min(1, "validation.required")
  .refine((v) => /^https?:\/\/[^\s/?#]+(:\d+)?\/?$/.test(v), { message: "messaging.errors.baseUrl" });

const template = z.object({ templateId: text(64), fields: text(600) });

export const wechatAccountSchema = z
  .object({
    enabled: checkbox,
    appId: text(32).refine((v) => /^wx[0-9a-zA-Z]{8,30}$/.test(v), { message: "messaging.errors.appId" }),
    appSecret: text(64),
    apiBaseUrl: baseUrl,
    oauthBaseUrl: baseUrl,
    templates: z.partialRecord(z.enum(WECHAT_KINDS), template),
  })
  .superRefine((v, ctx) => {
    for (const kind of WECHAT_KINDS) {
      const t = v.templates[kind];
      if (!t || (!t.templateId && !t.fields)) continue;
      if (!t.templateId)
        ctx.addIssue({ code: "custom", path: ["templates", kind, "templateId"], message: "validation.required" });
      const fields = parseFieldMapping(t.fields);
      const known = WECHAT_PARAMS[kind];
      if (!fields || !Object.keys(fields).length || Object.values(fields).some((name) => !known.includes(name)))
        ctx.addIssue({ code: "custom", path: ["templates", kind, "fields"], message: "messaging.errors.fields" });
    }
  });
export type WechatAccountInput = z.input<typeof wechatAccountSchema>;
