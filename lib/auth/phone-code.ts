import { and, desc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import { memberships, signInCodes, users } from "@/db/schema";
import { createHash } from "node:crypto";
import { deleteInChunks } from "@/lib/db/chunk";
import type { Db } from "@/lib/db/client";
import { enqueueMessage } from "@/lib/outbox/enqueue";
import { signInResultFor, type SignInResult } from "./credentials";
import { CN_MOBILE, normalizePhone } from "./identifiers";
import {
  CODE_MAX_FAILURES,
  CODE_SEND_PER_IP,
  CODE_SEND_PER_PHONE,
  CODE_TTL_MS,
  CODE_VERIFY_PER_PHONE,
  codeMatches,
  hashCode,
  isCodeShape,
  newCode,
} from "./phone-code-rules";
import { SIGN_IN_PER_IP } from "./rate-limit-rules";
import { checkLimits, recordFailures, resetLimit, type LimitedKey } from "./rate-limit";

/**
 * The HMAC key for stored codes, from NEXTAUTH_SECRET (always set where the app signs sessions),
 * so phone sign-in works with no extra configuration; a development constant without it.
 */
function codeKey(): Buffer {
  return createHash("sha256")
    .update(`guanjia phone code:${process.env.NEXTAUTH_SECRET ?? "development"}`)
    .digest();
}

export type CodeRequestResult =
  { ok: true } | { ok: false; reason: "invalid_phone" | "rate_limited"; retryAfterMs?: number };

/**
 * Sends a 6-digit sign-in code by SMS to an active account's phone. The answer is the same for
 * known and unknown phones (no enumeration): both count against the per-phone and per-IP limits,
 * only a known phone gets a code. The SMS goes through the outbox at once (urgent: no quiet hours).
 */
export async function requestSignInCode(
  db: Db,
  rawPhone: string,
  ip: string,
  now = new Date(),
): Promise<CodeRequestResult> {
  const phone = normalizePhone(rawPhone);
  if (!CN_MOBILE.test(phone)) return { ok: false, reason: "invalid_phone" };
  const keys: LimitedKey[] = [
    { key: `code:phone:${phone}`, rule: CODE_SEND_PER_PHONE },
    { key: `code:ip:${ip}`, rule: CODE_SEND_PER_IP },
  ];
  const verdict = await checkLimits(db, keys, now.getTime());
  if (!verdict.allowed) return { ok: false, reason: "rate_limited", retryAfterMs: verdict.retryAfterMs };
  await recordFailures(db, keys, now.getTime());
  const [user] = await db
    .select({ id: users.id, locale: users.locale, companyId: memberships.companyId })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(users.phone, phone), eq(users.active, true)))
    .orderBy(memberships.id)
    .limit(1);
  if (!user) return { ok: true };
  const code = newCode();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(signInCodes)
      .values({
        phone,
        codeHash: hashCode(phone, code, codeKey()),
        expiresAt: new Date(now.getTime() + CODE_TTL_MS),
        createdAt: now,
      })
      .returning({ id: signInCodes.id });
    await enqueueMessage(
      tx,
      {
        companyId: user.companyId,
        channel: "sms",
        to: phone,
        templateKey: "signInCode",
        locale: user.locale,
        params: { code, minutes: CODE_TTL_MS / 60_000 },
        idempotencyKey: `signin-code:${row.id}`,
      },
      now,
    );
  });
  return { ok: true };
}

/**
 * Signs in with a phone and code: the newest live code for the phone must match; it is spent by
 * a conditional update, so two requests with the same code cannot both succeed. A wrong code
 * counts against the code (dead after CODE_MAX_FAILURES) and against the phone's verify limit.
 */
export async function verifySignInCode(
  db: Db,
  rawPhone: string,
  code: string,
  ip: string,
  now = new Date(),
): Promise<SignInResult> {
  const phone = normalizePhone(rawPhone);
  const limit: LimitedKey[] = [
    { key: `code-verify:phone:${phone}`, rule: CODE_VERIFY_PER_PHONE },
    { key: `signin:ip:${ip}`, rule: SIGN_IN_PER_IP },
  ];
  const verdict = await checkLimits(db, limit, now.getTime());
  if (!verdict.allowed) return { ok: false, reason: "rate_limited", retryAfterMs: verdict.retryAfterMs };
  const [live] = await db
    .select()
    .from(signInCodes)
    .where(
      and(
        eq(signInCodes.phone, phone),
        isNull(signInCodes.usedAt),
        gt(signInCodes.expiresAt, now),
        lt(signInCodes.failedAttempts, CODE_MAX_FAILURES),
      ),
    )
    .orderBy(desc(signInCodes.id))
    .limit(1);
  const fail = async (): Promise<SignInResult> => {
    if (live)
      await db
        .update(signInCodes)
        .set({ failedAttempts: sql`${signInCodes.failedAttempts} + 1` })
        .where(eq(signInCodes.id, live.id));
    await recordFailures(db, limit, now.getTime());
    return { ok: false, reason: "invalid" };
  };
  if (!live || !isCodeShape(code) || !codeMatches(phone, code, live.codeHash, codeKey())) return fail();
  const spent = await db
    .update(signInCodes)
    .set({ usedAt: now })
    .where(and(eq(signInCodes.id, live.id), isNull(signInCodes.usedAt)))
    .returning({ id: signInCodes.id });
  if (!spent.length) return fail();
  const [user] = await db.select().from(users).where(eq(users.phone, phone)).limit(1);
  if (!user || !user.active) return { ok: false, reason: "invalid" };
  await resetLimit(db, limit[0].key);
  return signInResultFor(db, user);
}

/** Codes deleted per statement (short write transactions). */
const PURGE_CHUNK = 1000;

/**
 * The minute tick's purge (PIPL minimisation): codes past their validity are deleted — spent or
 * not, they are of no use any more. Set-based through the expires_at index; nothing expired =
 * one indexed probe.
 */
export async function purgeExpiredCodes(db: Db, now: Date) {
  const due = () =>
    db.select({ id: signInCodes.id }).from(signInCodes).where(lt(signInCodes.expiresAt, now)).limit(PURGE_CHUNK);
  return {
    purged: await deleteInChunks(() => db.delete(signInCodes).where(inArray(signInCodes.id, due())), PURGE_CHUNK),
  };
}
