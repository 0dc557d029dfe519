import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { verifyCredentials } from "@/lib/auth/credentials";
import { loadSessionUser } from "@/lib/auth/current-user";
import { revokeSession } from "@/lib/auth/revocation";
import type { Db } from "@/lib/db/client";
import { changePassword, createStaffMember, setStaffRoles, signOutEverywhere } from "@/lib/tenancy/commands";
import { createCompany, randomPhone, TEST_PASSWORD } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

describe("sign-in and sessions", () => {
  let db: Db;
  let company: Awaited<ReturnType<typeof createCompany>>;

  beforeAll(async () => {
    db = (await createTestDb()).db;
    company = await createCompany(db);
  });

  async function newStaff() {
    const phone = randomPhone();
    const { userId } = await createStaffMember(db, company.companyId, company.adminId, {
      name: "员工",
      phone,
      email: undefined,
      password: TEST_PASSWORD,
      roles: ["butler"],
    });
    return { userId, phone };
  }

  async function claimsFor(phone: string) {
    const result = await verifyCredentials(db, phone, TEST_PASSWORD, `10.0.0.${Math.floor(Math.random() * 250)}`);
    if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
    return {
      userId: result.user.id,
      sessionVersion: result.user.sessionVersion,
      companyId: result.user.companyId,
      sessionId: crypto.randomUUID(),
    };
  }

  it("signs in by phone (any spacing, +86) or by e-mail (any case)", async () => {
    expect((await verifyCredentials(db, `+86 ${company.admin.phone}`, TEST_PASSWORD, "1.1.1.1")).ok).toBe(true);
    expect((await verifyCredentials(db, company.admin.email.toUpperCase(), TEST_PASSWORD, "1.1.1.1")).ok).toBe(true);
    expect(await verifyCredentials(db, company.admin.phone, "wrong-password", "1.1.1.1")).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await verifyCredentials(db, "13000000000", TEST_PASSWORD, "1.1.1.1")).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("wrong passwords slow an account down (growing delay, capped at 30 s) but never lock out the right password", async () => {
    const { phone } = await newStaff();
    let now = Date.parse("2026-12-01T00:00:00Z");
    for (let i = 0; i < 5; i++)
      expect(await verifyCredentials(db, phone, "bad", `2.2.2.${i}`, now)).toEqual({ ok: false, reason: "invalid" });
    const slowed = await verifyCredentials(db, phone, TEST_PASSWORD, "3.3.3.3", now);
    expect(slowed).toMatchObject({ ok: false, reason: "rate_limited", retryAfterMs: 1000 });
    // An attacker keeps guessing from ever new addresses as soon as each delay ends.
    let longest = 0;
    for (let i = 0; i < 30; i++) {
      const r = await verifyCredentials(db, phone, "bad", `9.9.${i}.1`, now);
      if (!r.ok && r.reason === "rate_limited") {
        longest = Math.max(longest, r.retryAfterMs!);
        now += r.retryAfterMs!;
      }
    }
    expect(longest).toBe(30_000);
    // The owner, after at most the capped delay, signs in with the right password.
    const blocked = await verifyCredentials(db, phone, TEST_PASSWORD, "3.3.3.3", now);
    expect(blocked.ok).toBe(false);
    expect(!blocked.ok && blocked.retryAfterMs).toBeLessThanOrEqual(30_000);
    now += 30_000;
    expect((await verifyCredentials(db, phone, TEST_PASSWORD, "3.3.3.3", now)).ok).toBe(true);
    // Success resets the account's budget.
    expect(await verifyCredentials(db, phone, "bad", "3.3.3.4", now)).toEqual({ ok: false, reason: "invalid" });
  });

  it("the account budget counts per user, so guesses by e-mail and by phone share it", async () => {
    const phone = randomPhone();
    const email = `staff-${phone}@test.guanjia.cn`;
    await createStaffMember(db, company.companyId, company.adminId, {
      name: "员工",
      phone,
      email,
      password: TEST_PASSWORD,
      roles: ["butler"],
    });
    const now = Date.parse("2026-12-02T00:00:00Z");
    for (let i = 0; i < 3; i++) await verifyCredentials(db, phone, "bad", `2.3.4.${i}`, now);
    for (let i = 0; i < 2; i++) await verifyCredentials(db, email.toUpperCase(), "bad", `2.3.5.${i}`, now);
    expect(await verifyCredentials(db, `+86${phone}`, TEST_PASSWORD, "2.3.6.1", now)).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
    expect((await verifyCredentials(db, email, TEST_PASSWORD, "2.3.6.1", now + 1000)).ok).toBe(true);
  });

  it("blocks an IP after 20 failures across accounts", async () => {
    const ip = "4.4.4.4";
    for (let i = 0; i < 20; i++) await verifyCredentials(db, randomPhone(), "bad", ip);
    const { phone } = await newStaff();
    const blocked = await verifyCredentials(db, phone, TEST_PASSWORD, ip);
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(!blocked.ok && blocked.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect((await verifyCredentials(db, phone, TEST_PASSWORD, "4.4.4.5")).ok).toBe(true);
  });

  it("a role change revokes old tokens, and the new token carries the new roles", async () => {
    const { userId, phone } = await newStaff();
    const old = await claimsFor(phone);
    expect((await loadSessionUser(db, old))?.roles).toEqual(["butler"]);
    await setStaffRoles(db, company.companyId, company.adminId, userId, ["supervisor"]);
    expect(await loadSessionUser(db, old)).toBeNull();
    expect((await loadSessionUser(db, await claimsFor(phone)))?.roles).toEqual(["supervisor"]);
  });

  it("an ordinary sign-out revokes that token (a copied cookie stops working), other devices stay signed in", async () => {
    const { phone } = await newStaff();
    const here = await claimsFor(phone);
    const phoneInPocket = await claimsFor(phone);
    expect(await loadSessionUser(db, here)).not.toBeNull();
    await revokeSession(db, here, Date.now() + 30 * 24 * 3600_000);
    await revokeSession(db, here, Date.now() + 30 * 24 * 3600_000); // twice (two tabs): still fine
    expect(await loadSessionUser(db, here)).toBeNull();
    expect(await loadSessionUser(db, phoneInPocket)).not.toBeNull();
  });

  it("signing out a token without a session id (issued before ids existed) ends every session of the user", async () => {
    const { phone } = await newStaff();
    const legacy = { ...(await claimsFor(phone)), sessionId: undefined };
    const other = await claimsFor(phone);
    expect(await loadSessionUser(db, legacy)).not.toBeNull();
    await revokeSession(db, legacy, Date.now() + 1000);
    expect(await loadSessionUser(db, legacy)).toBeNull();
    expect(await loadSessionUser(db, other)).toBeNull();
  });

  it("sign-out everywhere revokes every token", async () => {
    const { userId, phone } = await newStaff();
    const one = await claimsFor(phone);
    const two = await claimsFor(phone);
    await signOutEverywhere(db, company.companyId, userId);
    expect(await loadSessionUser(db, one)).toBeNull();
    expect(await loadSessionUser(db, two)).toBeNull();
  });

  it("a password change revokes tokens and needs the current password", async () => {
    const { userId, phone } = await newStaff();
    const old = await claimsFor(phone);
    await expect(
      changePassword(db, company.companyId, userId, { currentPassword: "nope", newPassword: "brand-new-pass" }),
    ).rejects.toMatchObject({ code: "validation", fieldErrors: { currentPassword: ["validation.wrongPassword"] } });
    expect(await loadSessionUser(db, old)).not.toBeNull();
    await expect(
      changePassword(db, company.companyId, userId, { currentPassword: TEST_PASSWORD, newPassword: `pw-${phone}` }),
    ).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { newPassword: ["validation.passwordPersonal"] },
    });
    expect(await loadSessionUser(db, old)).not.toBeNull();
    await changePassword(db, company.companyId, userId, {
      currentPassword: TEST_PASSWORD,
      newPassword: "brand-new-pass",
    });
    expect(await loadSessionUser(db, old)).toBeNull();
    expect((await verifyCredentials(db, phone, "brand-new-pass", "5.5.5.5")).ok).toBe(true);
  });

  it("a disabled user cannot sign in and loses open sessions", async () => {
    const { userId, phone } = await newStaff();
    const claims = await claimsFor(phone);
    await db.update(users).set({ active: false }).where(eq(users.id, userId));
    expect(await loadSessionUser(db, claims)).toBeNull();
    expect(await verifyCredentials(db, phone, TEST_PASSWORD, "6.6.6.6")).toEqual({ ok: false, reason: "invalid" });
  });

  it("an admin cannot drop their own admin role", async () => {
    await expect(
      setStaffRoles(db, company.companyId, company.adminId, company.adminId, ["butler"]),
    ).rejects.toMatchObject({
      fieldErrors: { roles: ["validation.cannotDropOwnAdmin"] },
    });
  });
});
