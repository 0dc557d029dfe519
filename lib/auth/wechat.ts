import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, inArray, isNull, lt } from "drizzle-orm";
import { memberships, users, wechatBindings, wechatTickets } from "@/db/schema";
import { deleteInChunks } from "@/lib/db/chunk";
import type { Db } from "@/lib/db/client";

import { loadWechatAccount } from "@/lib/outbox/wechat/account";
import { authorizeUrl, exchangeOAuthCode } from "@/lib/outbox/wechat/client";
import { signInResultFor, type SignInResult } from "./credentials";
import { verifySignInCode } from "./phone-code";
import { checkOAuthState, newOAuthState } from "./wechat-state";

/*
 * WeChat official-account sign-in (snsapi_base). start → WeChat's authorize page → callback with
 * code + state → the code is exchanged for the openid → a one-time ticket (10 minutes, stored as a
 * hash) → the "wechat" credentials provider: a bound openid signs its user in; an unknown one is
 * bound by phone + SMS code first (per company; one openid per user and one user per openid).
 */

export const TICKET_TTL_MS = 10 * 60_000;

/** The state cookie's HMAC key, from NEXTAUTH_SECRET (a development constant without it). */
export function wechatStateKey(): Buffer {
  return createHash("sha256")
    .update(`guanjia wechat state:${process.env.NEXTAUTH_SECRET ?? "development"}`)
    .digest();
}

const hashTicket = (ticket: string) => createHash("sha256").update(ticket).digest("hex");

/** Where to send the browser and the state cookie to set, or null when the company has no enabled account. */
export async function startWechatSignIn(db: Db, companyId: number, redirectUri: string, now = new Date()) {
  const account = await loadWechatAccount(db, companyId);
  if (!account) return null;
  const state = newOAuthState(companyId, wechatStateKey(), now);
  return { url: authorizeUrl(account.oauthBaseUrl, account.appId, redirectUri, state.nonce), cookie: state.cookie };
}

export type CallbackResult = { ok: true; ticket: string; bound: boolean } | { ok: false; reason: "state" | "wechat" };

/**
 * The callback: the returned state must match this browser's signed state cookie; the code is
 * exchanged for the openid; a ticket for (company, openid) is issued. `bound` says whether the
 * openid already belongs to an account (sign in directly) or must be bound first.
 */
export async function finishWechatCallback(
  db: Db,
  q: { stateCookie: string | undefined; state: string | null; code: string | null },
  now = new Date(),
): Promise<CallbackResult> {
  const state = checkOAuthState(q.stateCookie, q.state, wechatStateKey(), now);
  if (!state || !q.code) return { ok: false, reason: "state" };
  const account = await loadWechatAccount(db, state.companyId);
  if (!account) return { ok: false, reason: "state" };
  let openid: string;
  try {
    openid = await exchangeOAuthCode(account, q.code);
  } catch (e) {
    console.warn("[wechat] code exchange failed", e instanceof Error ? e.message : e);
    return { ok: false, reason: "wechat" };
  }
  const ticket = randomBytes(32).toString("base64url");
  await db.insert(wechatTickets).values({
    companyId: state.companyId,
    ticketHash: hashTicket(ticket),
    openid,
    expiresAt: new Date(now.getTime() + TICKET_TTL_MS),
    createdAt: now,
  });
  const [binding] = await db
    .select({ id: wechatBindings.id })
    .from(wechatBindings)
    .where(and(eq(wechatBindings.companyId, state.companyId), eq(wechatBindings.openid, openid)));
  return { ok: true, ticket, bound: !!binding };
}

/** The live ticket (not spent, not expired), or undefined. */
async function liveTicket(db: Db, ticket: string, now: Date) {
  const [row] = await db
    .select()
    .from(wechatTickets)
    .where(
      and(
        eq(wechatTickets.ticketHash, hashTicket(ticket)),
        isNull(wechatTickets.usedAt),
        gt(wechatTickets.expiresAt, now),
      ),
    );
  return row;
}

/** Spends a ticket by a conditional update: true only for the one caller that spent it. */
async function spend(db: Pick<Db, "update">, id: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(wechatTickets)
    .set({ usedAt: now })
    .where(and(eq(wechatTickets.id, id), isNull(wechatTickets.usedAt)))
    .returning({ id: wechatTickets.id });
  return rows.length > 0;
}

/** Signs in the account bound to the ticket's openid (the ticket is spent). */
export async function signInWithTicket(db: Db, ticket: string, now = new Date()): Promise<SignInResult> {
  const live = await liveTicket(db, ticket, now);
  if (!live) return { ok: false, reason: "invalid" };
  const [user] = await db
    .select({ id: users.id, name: users.name, sessionVersion: users.sessionVersion, active: users.active })
    .from(wechatBindings)
    .innerJoin(users, eq(users.id, wechatBindings.userId))
    .where(and(eq(wechatBindings.companyId, live.companyId), eq(wechatBindings.openid, live.openid)));
  if (!user || !user.active || !(await spend(db, live.id, now))) return { ok: false, reason: "invalid" };
  return signInResultFor(db, user);
}

/**
 * Binds the ticket's openid to the account the phone code proves (a member of the ticket's company),
 * then signs it in. The code is checked first (its own limits apply); the ticket is spent and the
 * binding written in one transaction. An openid already bound to another account is refused; the
 * account's previous openid in the company is replaced.
 */
export async function bindWithTicket(
  db: Db,
  input: { ticket: string; phone: string; code: string },
  ip: string,
  now = new Date(),
): Promise<SignInResult> {
  const live = await liveTicket(db, input.ticket, now);
  if (!live) return { ok: false, reason: "invalid" };
  const verified = await verifySignInCode(db, input.phone, input.code, ip, now);
  if (!verified.ok) return verified;
  const userId = verified.user.id;
  const refused = new Error("wechat binding refused");
  const bound = await db
    .transaction(async (tx) => {
      const [member] = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.companyId, live.companyId), eq(memberships.userId, userId)))
        .limit(1);
      if (!member || !(await spend(tx, live.id, now))) return false;
      await tx
        .delete(wechatBindings)
        .where(and(eq(wechatBindings.companyId, live.companyId), eq(wechatBindings.userId, userId)));
      await tx
        .insert(wechatBindings)
        .values({ companyId: live.companyId, userId, openid: live.openid, createdAt: now })
        .onConflictDoNothing();
      const [owner] = await tx
        .select({ userId: wechatBindings.userId })
        .from(wechatBindings)
        .where(and(eq(wechatBindings.companyId, live.companyId), eq(wechatBindings.openid, live.openid)));
      // Someone else holds this openid: roll back (the account keeps its previous binding).
      if (owner?.userId !== userId) throw refused;
      return true;
    })
    .catch((e) => {
      if (e === refused) return false;
      throw e;
    });
  return bound ? verified : { ok: false, reason: "invalid" };
}

/** Removes the user's binding in the company (from /me/notifications). Returns whether there was one. */
export async function unbindWechat(db: Db, companyId: number, userId: number): Promise<boolean> {
  const rows = await db
    .delete(wechatBindings)
    .where(and(eq(wechatBindings.companyId, companyId), eq(wechatBindings.userId, userId)))
    .returning({ id: wechatBindings.id });
  return rows.length > 0;
}

/**
 * The minute tick's purge of OAuth tickets past their validity (used or not: a ticket holds an
 * openid and is of no use after 10 minutes). Set-based through the expiry index, in chunks.
 */
const PURGE_CHUNK = 1000;

export async function purgeExpiredTickets(db: Db, now: Date) {
  const due = () =>
    db.select({ id: wechatTickets.id }).from(wechatTickets).where(lt(wechatTickets.expiresAt, now)).limit(PURGE_CHUNK);
  return {
    purged: await deleteInChunks(() => db.delete(wechatTickets).where(inArray(wechatTickets.id, due())), PURGE_CHUNK),
  };
}
