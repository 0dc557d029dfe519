import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

/**
 * How embedded (`file:`) databases are served (README, "Process model"; lib/db/threads/config.ts
 * reads them): DATABASE_THREADS `on` (default) runs the engine in worker threads, `off` on the
 * calling thread; DATABASE_READERS caps the reader threads (default: twice the available
 * parallelism, 4–8). Here, in the kernel's bottom file, so env.ts imports nothing from lib.
 */
export const databaseThreadsSchema = z.enum(["on", "off"]).default("on");
export const databaseReadersSchema = z.coerce.number().int().min(0).max(64).optional();
export const databaseSlowMsSchema = z.coerce.number().int().min(1).optional();
export const databaseCacheMbSchema = z.coerce.number().int().min(1).max(1024).optional();

/** Validated server configuration. Every variable is documented in README.md. */
export const env = createEnv({
  server: {
    DATABASE_URL: z.string().min(1).default("file:data/guanjia.db"),
    DATABASE_AUTH_TOKEN: z.string().optional(),
    /** Embedded databases in worker threads (`on`, default) or on the event loop (`off`): lib/db/threads/config.ts. */
    DATABASE_THREADS: databaseThreadsSchema,
    /** Reader threads at most for an embedded database (default: twice the available parallelism, 4–8). */
    DATABASE_READERS: databaseReadersSchema,
    /** `file:` databases: log each statement that takes this many ms or more, with its SQL (lib/db/threads/config.ts). */
    DATABASE_SLOW_MS: databaseSlowMsSchema,
    /** `file:` databases in threads: each connection's page cache in MiB (default 16; lib/db/threads/config.ts). */
    DATABASE_CACHE_MB: databaseCacheMbSchema,
    NEXTAUTH_SECRET: z.string().min(16).optional(),
    /** The public base URL (links in notices and e-mails; https here means the site is served over https). */
    NEXTAUTH_URL: z.string().optional(),
    CRON_SECRET: z.string().min(16).optional(),
    /** Signs the sandbox payment provider's webhooks; derived from NEXTAUTH_SECRET when unset. */
    PAYMENT_SANDBOX_SECRET: z.string().min(16).optional(),
    /** Outbound e-mail (lib/outbox): without SMTP_HOST e-mails are only logged. */
    SMTP_HOST: z.string().optional(),
    SMTP_PORT: z.coerce.number().int().positive().optional(),
    SMTP_USER: z.string().optional(),
    SMTP_PASSWORD: z.string().optional(),
    SMTP_FROM: z.string().optional(),
    SMTP_SECURE: z.enum(["true", "false"]).optional(),
    /** AES-256-GCM key for provider credentials at rest (SMS, WeChat Pay, Alipay; lib/crypto/secrets.ts): 64 hex digits or base64 of 32 bytes. Required in production. */
    SECRETS_KEY: z.string().optional(),
    /** SMS provider endpoints (lib/outbox/sms/providers.ts), read when sending: unset = the real services; "http://127.0.0.1:PORT" = the local fake. */
    ALIYUN_SMS_ENDPOINT: z.string().optional(),
    TENCENT_SMS_ENDPOINT: z.string().optional(),
    /** The secret in the SMS delivery-report callback URL (/api/sms/report/<provider>?token=…); unset = reports refused. */
    SMS_REPORT_TOKEN: z.string().min(16).optional(),
    /** Reverse proxies in front of the app whose X-Forwarded-For/-Proto are believed (lib/auth/client-ip.ts). */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).default(0),
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
});

/** Variables read when used, not once at start (tests and long-running processes change them). */
export type LiveVariable =
  | "CRON_SECRET"
  | "SMS_REPORT_TOKEN"
  | "SECRETS_KEY"
  | "NODE_ENV"
  | "NEXTAUTH_URL"
  | "TRUSTED_PROXY_HOPS"
  | "UPLOADS_DIR"
  | "DATABASE_THREADS"
  | "DATABASE_READERS"
  | "DATABASE_SLOW_MS"
  | "DATABASE_CACHE_MB"
  | "GUANJIA_DB_THREAD_SCRIPT"
  | "BENCH_SECRET"
  | "BENCH_STALLS";

/** The current value of a live variable; an empty string counts as unset. */
export function liveEnv(name: LiveVariable): string | undefined {
  return process.env[name] || undefined;
}
