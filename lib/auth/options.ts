import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/lib/db";
import { clientIp } from "./client-ip";
import { verifyCredentials, type SignInResult } from "./credentials";
import { verifySignInCode } from "./phone-code";
import { bindWithTicket, signInWithTicket } from "./wechat";
import { revokeSession, SESSION_MAX_AGE_S } from "./revocation";
import { env } from "@/lib/env";

/** Error codes thrown from authorize() ("RATE_LIMITED:<seconds>"); the sign-in form translates them. */
export const SIGN_IN_ERRORS = {
  invalid: "CredentialsSignin",
  rateLimited: "RATE_LIMITED",
  companyClosed: "COMPANY_CLOSED",
} as const;

/** The user next-auth puts in the JWT, or the error the sign-in form translates. */
function sessionUser(result: SignInResult) {
  if (!result.ok) {
    if (result.reason === "rate_limited")
      throw new Error(`${SIGN_IN_ERRORS.rateLimited}:${Math.ceil((result.retryAfterMs ?? 1000) / 1000)}`);
    if (result.reason === "company_closed") throw new Error(SIGN_IN_ERRORS.companyClosed);
    return null;
  }
  const { id, name, sessionVersion, companyId } = result.user;
  return { id: String(id), name, sessionVersion, companyId };
}

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { identifier: { type: "text" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const identifier = credentials?.identifier ?? "";
        const password = credentials?.password ?? "";
        if (!identifier || !password) return null;
        return sessionUser(await verifyCredentials(getDb(), identifier, password, clientIp(req?.headers)));
      },
    }),
    // Phone + 6-digit SMS code (lib/auth/phone-code.ts); the same JWT session as the password.
    CredentialsProvider({
      id: "phone-code",
      name: "phone-code",
      credentials: { phone: { type: "text" }, code: { type: "text" } },
      async authorize(credentials, req) {
        const phone = credentials?.phone ?? "";
        const code = credentials?.code ?? "";
        if (!phone || !code) return null;
        return sessionUser(await verifySignInCode(getDb(), phone, code, clientIp(req?.headers)));
      },
    }),
    // WeChat official account (lib/auth/wechat.ts): the one-time ticket from the OAuth callback signs
    // in its bound account; with a phone and SMS code it binds the openid first.
    CredentialsProvider({
      id: "wechat",
      name: "wechat",
      credentials: { ticket: { type: "text" }, phone: { type: "text" }, code: { type: "text" } },
      async authorize(credentials, req) {
        const ticket = credentials?.ticket ?? "";
        if (!ticket) return null;
        const { phone, code } = credentials ?? {};
        const db = getDb();
        return sessionUser(
          phone && code
            ? await bindWithTicket(db, { ticket, phone, code }, clientIp(req?.headers))
            : await signInWithTicket(db, ticket),
        );
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.ver = user.sessionVersion;
        token.cid = user.companyId;
        token.sid = crypto.randomUUID();
      }
      return token;
    },
    async session({ session, token }) {
      session.uid = token.uid;
      session.ver = token.ver;
      session.cid = token.cid;
      session.sid = token.sid;
      return session;
    },
  },
  events: {
    // Ordinary sign-out (POST /api/auth/signout) revokes this token, not only the cookie.
    async signOut({ token }) {
      if (!token) return;
      await revokeSession(
        getDb(),
        { userId: token.uid, sessionVersion: token.ver, sessionId: token.sid },
        Date.now() + SESSION_MAX_AGE_S * 1000,
      );
    },
  },
};
