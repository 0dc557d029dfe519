import { yuan } from "../sms/params";

/*
 * Pure rules of WeChat template messages (模板消息): which settings kind an outbox template uses,
 * how a company's field mapping turns our parameters into the template's `data`, and which
 * errcodes mean "the access_token is no longer valid".
 */

/** Outbox template → the WeChat settings kind (the same kinds as the SMS templates, without sign-in codes). */
const KIND_OF: Record<string, string> = {
  receipt: "receipt",
  arrearsNotice: "arrears",
  notice: "emergency",
  activityPromoted: "activity",
};

export function wechatKindOf(templateKey: string): string | null {
  return KIND_OF[templateKey] ?? null;
}

/** The parameters a mapping may name, per kind (README "WeChat official account"). */
export const WECHAT_PARAMS: Record<string, readonly string[]> = {
  receipt: ["receiptNo", "amount", "company"],
  arrears: ["months", "owed", "company"],
  emergency: ["title", "company"],
  visit: ["title", "company"],
  activity: ["title", "company"],
};

/** errcodes after which a fresh access_token is fetched and the call retried once: 40001 invalid, 40014 malformed, 42001 expired. */
const TOKEN_ERRCODES = new Set([40001, 40014, 42001]);

export function isTokenError(errcode: number): boolean {
  return TOKEN_ERRCODES.has(errcode);
}

/** Refresh a cached token this long before WeChat's expires_in runs out. */
export const TOKEN_MARGIN_MS = 5 * 60_000;

/** When a token fetched at `now` with `expiresInS` seconds of life stops being used. */
export function tokenUsableUntil(now: Date, expiresInS: number): Date {
  return new Date(now.getTime() + Math.max(0, expiresInS * 1000 - TOKEN_MARGIN_MS));
}

/** One parameter's text: "…Fen" money as yuan with two decimals (no float), else the value as text. */
function paramText(params: Record<string, string | number | null>, name: string): string {
  const fen = params[`${name}Fen`];
  if (typeof fen === "number") return yuan(fen);
  const v = params[name];
  return v === null || v === undefined ? "" : String(v);
}

/**
 * The template message's `data` ({ field: { value } }) from the company's mapping (template field →
 * our parameter name) and the message's parameters. Fields mapped to an unknown name get "".
 */
export function templateDataOf(
  fields: Record<string, string>,
  params: Record<string, string | number | null>,
): Record<string, { value: string }> {
  return Object.fromEntries(Object.entries(fields).map(([field, name]) => [field, { value: paramText(params, name) }]));
}

/** Parses the settings form's mapping text — one "field=parameter" per line or comma — into a record. */
export function parseFieldMapping(text: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const part of text.split(/[\n,，]/)) {
    const line = part.trim();
    if (!line) continue;
    const m = /^([A-Za-z][\w.]{0,31})\s*[=:：]\s*([A-Za-z]\w{0,31})$/.exec(line);
    if (!m) return null;
    out[m[1]] = m[2];
  }
  return out;
}

/** The mapping as the form shows it: "field=parameter" lines. */
export function formatFieldMapping(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([field, name]) => `${field}=${name}`)
    .join("\n");
}
