import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/*
 * The OAuth `state` of the WeChat official-account sign-in: a random nonce sent to WeChat, and a
 * short-lived signed cookie holding the company, the nonce and the expiry. The callback accepts the
 * code only when the state it gets back equals the nonce in a valid cookie of this browser — a state
 * from another browser, company or an old attempt is refused. Pure: the key is passed in.
 */

export const STATE_TTL_MS = 10 * 60_000;

export interface OAuthState {
  companyId: number;
  nonce: string;
  expiresAt: number;
}

const mac = (payload: string, key: Buffer) => createHmac("sha256", key).update(payload).digest("base64url");

/** A new state: the nonce for WeChat and the signed cookie value. */
export function newOAuthState(companyId: number, key: Buffer, now: Date): { nonce: string; cookie: string } {
  const nonce = randomBytes(16).toString("base64url");
  const payload = `${companyId}.${nonce}.${now.getTime() + STATE_TTL_MS}`;
  return { nonce, cookie: `${payload}.${mac(payload, key)}` };
}

/** The cookie's state when its signature holds, it has not expired and `returned` is its nonce; else null. */
export function checkOAuthState(
  cookie: string | undefined,
  returned: string | null,
  key: Buffer,
  now: Date,
): OAuthState | null {
  if (!cookie || !returned) return null;
  const parts = cookie.split(".");
  if (parts.length !== 4) return null;
  const [company, nonce, expires, signature] = parts;
  const expected = Buffer.from(mac(`${company}.${nonce}.${expires}`, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const a = Buffer.from(nonce);
  const b = Buffer.from(returned);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  const companyId = Number(company);
  const expiresAt = Number(expires);
  if (!Number.isSafeInteger(companyId) || companyId <= 0 || !(expiresAt > now.getTime())) return null;
  return { companyId, nonce, expiresAt };
}
