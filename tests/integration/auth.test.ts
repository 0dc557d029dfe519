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
    return { userId: result.user.id, sessionVersion: result.user.sessionVersion, companyId: result.user.companyId, sessionId: crypto.randomUUID() };
  }

  it("signs in by phone (any spacing, +86) or by e-mail (any case)", async () => {
    expect((await verifyCredentials(db, `+86 ${company.admin.phone}`, TEST_PASSWORD, "1.1.1.1")).ok).toBe(true);
    expect((await verifyCredentials(db, company.admin.email.toUpperCase(), TEST_PASSWORD, "1.1.1.1")).ok).toBe(true);
    expect(await verifyCredentials(db, company.admin.phone, "wrong-password", "1.1.1.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(db, "13000000000", TEST_PASSWORD, "1.1.1.1")).toEqual({ ok: false, reason: "invalid" });
  });

  it("blocks an account after 5 failures, even with the right password, from any IP", async () => {
    const { phone } = await newStaff();
    for (let i = 0; i < 5; i++) expect((await verifyCredentials(db, phone, "bad", `2.2.2.${i}`)).ok).toBe(false);
    const blocked = await verifyCredentials(db, phone, TEST_PASSWORD, "3.3.3.3");
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(blocked.ok === false && blocked.retryAfterMs).toBeGreaterThan(14 * 60_000);
  });

  it("blocks an IP after 20 failures across accounts", async () => {
    const ip = "4.4.4.4";
    for (let i = 0; i < 20; i++) await verifyCredentials(db, randomPhone(), "bad", ip);
    const { phone } = await newStaff();
    expect(await verifyCredentials(db, phone, TEST_PASSWORD, ip)).toMatchObject({ ok: false, reason: "rate_limited" });
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
    await changePassword(db, company.companyId, userId, { currentPassword: TEST_PASSWORD, newPassword: "brand-new-pass" });
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
    await expect(setStaffRoles(db, company.companyId, company.adminId, company.adminId, ["butler"])).rejects.toMatchObject({
      fieldErrors: { roles: ["validation.cannotDropOwnAdmin"] },
    });
  });
});
