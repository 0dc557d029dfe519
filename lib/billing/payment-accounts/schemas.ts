import { z } from "zod";

/** Merchant-account form fields (admin, billing settings). Secrets left empty keep the stored ones. */

const text = (max: number) => z.string().trim().max(max, "validation.tooLong");
const required = (max: number) => text(max).min(1, "validation.required");
const checkbox = z
  .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");
const pem = (kind: "PUBLIC" | "PRIVATE") =>
  text(10_000).refine((v) => v === "" || new RegExp(`-----BEGIN (RSA )?${kind} KEY-----`).test(v), {
    message: kind === "PRIVATE" ? "billing.accounts.errors.privateKey" : "billing.accounts.errors.publicKey",
  });
const baseUrl = required(200).refine((v) => /^https?:\/\/[^\s/]+(:\d+)?\/?$/.test(v), {
  message: "billing.accounts.errors.baseUrl",
});

export const wechatAccountSchema = z
  .object({
    enabled: checkbox,
    useForResidents: checkbox,
    mode: z.enum(["direct", "partner"], { error: "validation.required" }),
    mchId: required(32),
    appId: required(32),
    subMchId: text(32),
    subAppId: text(32),
    serialNo: required(64),
    platformSerial: required(64),
    platformPublicKey: pem("PUBLIC").refine((v) => v !== "", { message: "validation.required" }),
    baseUrl,
    privateKey: pem("PRIVATE"),
    apiV3Key: text(32).refine((v) => v === "" || Buffer.byteLength(v, "utf8") === 32, {
      message: "billing.accounts.errors.apiV3Key",
    }),
  })
  .refine((v) => v.mode === "direct" || v.subMchId !== "", {
    path: ["subMchId"],
    message: "billing.accounts.errors.subMchId",
  });

export const alipayAccountSchema = z.object({
  enabled: checkbox,
  useForResidents: checkbox,
  appId: required(32),
  gateway: required(200).refine((v) => /^https?:\/\/\S+$/.test(v), { message: "billing.accounts.errors.baseUrl" }),
  alipayPublicKey: pem("PUBLIC").refine((v) => v !== "", { message: "validation.required" }),
  appPrivateKey: pem("PRIVATE"),
});

export type WechatAccountInput = z.infer<typeof wechatAccountSchema>;
export type AlipayAccountInput = z.infer<typeof alipayAccountSchema>;

/** Which fields of each provider's form are secrets (sealed; never shown back). */
export const SECRET_FIELDS = {
  wechatpay: ["privateKey", "apiV3Key"],
  alipay: ["appPrivateKey"],
} as const;
