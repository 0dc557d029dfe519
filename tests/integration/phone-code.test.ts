import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outboxMessages, signInCodes, users } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { requestSignInCode, verifySignInCode } from "@/lib/auth/phone-code";
import { CODE_SEND_PER_PHONE, CODE_TTL_MS } from "@/lib/auth/phone-code-rules";
import { createCompany, createUser, randomPhone } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

const ip = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

/** The code as the SMS carries it (the outbox row's parameters; the table holds only a hash). */
async function sentCode(db: Db, phone: string): Promise<string> {
  const rows = await db
    .select({ params: outboxMessages.params, id: outboxMessages.id })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.to, phone), eq(outboxMessages.templateKey, "signInCode")))
    .orderBy(outboxMessages.id);
  return String(rows.at(-1)!.params.code);
}

async function resident(db: Db) {
  const { companyId } = await createCompany(db);
  const user = await createUser(db, companyId, ["resident"]);
  return { companyId, user, phone: user.phone! };
}

describe("phone-code sign-in", () => {
  it("sends a 6-digit code by SMS, stores only a hash, and signs in once with it", async () => {
    const { db } = await createTestDb();
    const { companyId, user, phone } = await resident(db);
    const now = new Date();
    expect(await requestSignInCode(db, `+86 ${phone}`, ip(), now)).toEqual({ ok: true });
    const code = await sentCode(db, phone);
    expect(code).toMatch(/^\d{6}$/);
    const [sms] = await db.select().from(outboxMessages).where(eq(outboxMessages.to, phone));
    expect(sms).toMatchObject({ channel: "sms", companyId, nextAttemptAt: now });
    const [stored] = await db.select().from(signInCodes).where(eq(signInCodes.phone, phone));
    expect(stored.codeHash).not.toContain(code);
    expect(stored.codeHash).toMatch(/^[0-9a-f]{64}$/);

    const first = await verifySignInCode(db, phone, code, ip(), now);
    expect(first).toMatchObject({ ok: true, user: { id: user.id, companyId } });
    expect(await verifySignInCode(db, phone, code, ip(), now)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses an expired code and a wrong one; a code dies after five wrong tries", async () => {
    const { db } = await createTestDb();
    const { phone } = await resident(db);
    const t0 = new Date();
    await requestSignInCode(db, phone, ip(), t0);
    const code = await sentCode(db, phone);
    const late = new Date(t0.getTime() + CODE_TTL_MS + 1);
    expect(await verifySignInCode(db, phone, code, ip(), late)).toMatchObject({ ok: false, reason: "invalid" });

    await requestSignInCode(db, phone, ip(), t0);
    const fresh = await sentCode(db, phone);
    const wrong = fresh === "000000" ? "000001" : "000000";
    for (let i = 0; i < 5; i++)
      expect(await verifySignInCode(db, phone, wrong, ip(), t0)).toMatchObject({ ok: false, reason: "invalid" });
    expect(await verifySignInCode(db, phone, fresh, ip(), t0)).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("two concurrent uses of one code: exactly one signs in", async () => {
    const { db } = await createTestDb();
    const { phone } = await resident(db);
    const now = new Date();
    await requestSignInCode(db, phone, ip(), now);
    const code = await sentCode(db, phone);
    const results = await Promise.all([
      verifySignInCode(db, phone, code, ip(), now),
      verifySignInCode(db, phone, code, ip(), now),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("answers the same for unknown phones (no code, no SMS) and limits both alike per phone", async () => {
    const { db } = await createTestDb();
    const { phone } = await resident(db);
    const unknown = randomPhone();
    const now = new Date();
    for (let i = 0; i < CODE_SEND_PER_PHONE.limit; i++) {
      expect(await requestSignInCode(db, phone, ip(), now)).toEqual({ ok: true });
      expect(await requestSignInCode(db, unknown, ip(), now)).toEqual({ ok: true });
    }
    const known = await requestSignInCode(db, phone, ip(), now);
    const other = await requestSignInCode(db, unknown, ip(), now);
    expect(known).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(other).toEqual(known);
    expect(await db.$count(outboxMessages, eq(outboxMessages.to, unknown))).toBe(0);
    expect(await db.$count(signInCodes, eq(signInCodes.phone, unknown))).toBe(0);
    expect(await db.$count(signInCodes, eq(signInCodes.phone, phone))).toBe(CODE_SEND_PER_PHONE.limit);
    expect(await requestSignInCode(db, "12345", ip(), now)).toEqual({ ok: false, reason: "invalid_phone" });
  });

  it("limits code requests per client address", async () => {
    const { db } = await createTestDb();
    const addr = ip();
    const now = new Date();
    for (let i = 0; i < 20; i++) expect(await requestSignInCode(db, randomPhone(), addr, now)).toEqual({ ok: true });
    expect(await requestSignInCode(db, randomPhone(), addr, now)).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(await requestSignInCode(db, randomPhone(), ip(), now)).toEqual({ ok: true });
  });

  it("limits wrong codes per phone, and a deactivated account gets no code", async () => {
    const { db } = await createTestDb();
    const { phone, user } = await resident(db);
    const now = new Date();
    for (let i = 0; i < 10; i++) await verifySignInCode(db, phone, "123456", ip(), now);
    expect(await verifySignInCode(db, phone, "123456", ip(), now)).toMatchObject({ ok: false, reason: "rate_limited" });

    await db.update(users).set({ active: false }).where(eq(users.id, user.id));
    const other = await resident(db);
    await db.update(users).set({ active: false }).where(eq(users.id, other.user.id));
    expect(await requestSignInCode(db, other.phone, ip(), now)).toEqual({ ok: true });
    expect(await db.$count(signInCodes, eq(signInCodes.phone, other.phone))).toBe(0);
  });
});
