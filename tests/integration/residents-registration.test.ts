import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, companies, households, memberships, rateLimits, residentLinks, users } from "@/db/schema";
import { verifyCredentials } from "@/lib/auth/credentials";
import type { Db } from "@/lib/db/client";
import { newHouseholdCode } from "@/lib/registry/codes";
import { registerResident, requestHousehold } from "@/lib/residents/commands";
import { residentHome } from "@/lib/residents/home";
import { registerSchema, requestHouseholdSchema } from "@/lib/residents/schemas";
import { createCompany, createUser, randomPhone, TEST_PASSWORD } from "../support/fixtures";
import { addLink, createCodedEstate, randomIp } from "../support/residents-fixtures";
import { createTestDb } from "../support/test-db";

const codeInvalid = { code: "validation", fieldErrors: { code: ["residents.errors.codeInvalid"] } };
const tooMany = { code: "rate_limited", fieldErrors: { code: ["residents.errors.tooManyCodes"] } };

describe("resident registration with a household code", () => {
  let db: Db;
  let company: Awaited<ReturnType<typeof createCompany>>;
  let estate: Awaited<ReturnType<typeof createCodedEstate>>;

  beforeAll(async () => {
    db = (await createTestDb()).db;
    company = await createCompany(db);
    estate = await createCodedEstate(db, company.companyId, { n: 6 });
  });

  const input = (over: Partial<Record<string, string>> = {}) =>
    registerSchema.parse({
      code: estate.codes[0],
      name: "吴晓明",
      phone: randomPhone(),
      password: TEST_PASSWORD,
      relation: "owner",
      acceptPrivacy: true,
      ...over,
    });

  const usersWithPhone = async (phone: string) =>
    (await db.select({ n: count() }).from(users).where(eq(users.phone, phone)))[0].n;

  /** A code nobody holds (the CSPRNG's codes collide with negligible probability; checked anyway). */
  async function unknownCode() {
    for (;;) {
      const code = newHouseholdCode();
      const [hit] = await db.select({ id: households.id }).from(households).where(eq(households.code, code));
      if (!hit) return code;
    }
  }

  it("creates the account, a resident membership and a pending link, with an audit entry", async () => {
    const data = input({ code: estate.codes[1].toLowerCase().replace(/(.{4})/, "$1-"), relation: "family" });
    const { userId, companyId, linkId } = await registerResident(db, data, { ip: randomIp() });
    expect(companyId).toBe(company.companyId);

    const [user] = await db.select().from(users).where(eq(users.id, userId));
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.phone).toBe(data.phone);
    expect(
      await db
        .select({ companyId: memberships.companyId, role: memberships.role })
        .from(memberships)
        .where(eq(memberships.userId, userId)),
    ).toEqual([{ companyId: company.companyId, role: "resident" }]);
    const [link] = await db.select().from(residentLinks).where(eq(residentLinks.id, linkId));
    expect(link).toMatchObject({
      companyId: company.companyId,
      userId,
      householdId: estate.households[1].id,
      relation: "family",
      status: "pending",
    });
    const audit = await db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.companyId, company.companyId),
          eq(auditLog.action, "resident.register"),
          eq(auditLog.entityId, String(linkId)),
        ),
      );
    expect(audit).toHaveLength(1);
    expect(audit[0].actorUserId).toBe(userId);

    // They can sign in at once (into the household's company) and see the request, not the household.
    const signIn = await verifyCredentials(db, data.phone, TEST_PASSWORD, randomIp());
    expect(signIn).toMatchObject({ ok: true, user: { id: userId, companyId: company.companyId } });
    const home = await residentHome(db, company.companyId, userId);
    expect(home.households).toEqual([]);
    expect(home.requests).toMatchObject([{ linkId, status: "pending", relation: "family", reason: null }]);
    expect(home.requests[0].units.map((u) => u.id)).toEqual([estate.units[1].id]);
  });

  it("writes nothing for a wrong code and gives unknown and inactive households the same answer", async () => {
    const inactive = await createCodedEstate(db, company.companyId, { n: 1 });
    await db.update(households).set({ active: false }).where(eq(households.id, inactive.households[0].id));
    const closed = await createCompany(db);
    const closedEstate = await createCodedEstate(db, closed.companyId, { n: 1 });
    await db.update(companies).set({ active: false }).where(eq(companies.id, closed.companyId));

    for (const code of [await unknownCode(), inactive.codes[0], closedEstate.codes[0]]) {
      const data = input({ code });
      await expect(registerResident(db, data, { ip: randomIp() })).rejects.toMatchObject(codeInvalid);
      expect(await usersWithPhone(data.phone)).toBe(0);
    }
    expect(
      (
        await db
          .select({ n: count() })
          .from(residentLinks)
          .where(eq(residentLinks.householdId, inactive.households[0].id))
      )[0].n,
    ).toBe(0);
  });

  it("blocks a phone after 5 wrong codes, even with the right code, and counts nothing for a right one", async () => {
    const phone = randomPhone();
    for (let i = 0; i < 5; i++)
      await expect(
        registerResident(db, input({ phone, code: await unknownCode() }), { ip: randomIp() }),
      ).rejects.toMatchObject(codeInvalid);
    await expect(registerResident(db, input({ phone }), { ip: randomIp() })).rejects.toMatchObject(tooMany);
    expect(await usersWithPhone(phone)).toBe(0);
    // Another phone from another address is not affected.
    await expect(registerResident(db, input({ code: estate.codes[2] }), { ip: randomIp() })).resolves.toMatchObject({
      companyId: company.companyId,
    });
  });

  it("blocks an address after 10 wrong codes across phones", async () => {
    const ip = randomIp();
    for (let i = 0; i < 10; i++)
      await expect(registerResident(db, input({ code: await unknownCode() }), { ip })).rejects.toMatchObject(
        codeInvalid,
      );
    const [row] = await db
      .select()
      .from(rateLimits)
      .where(eq(rateLimits.key, `hhcode:ip:${ip}`));
    expect(row.blockedUntilMs - Date.now()).toBeGreaterThan(59 * 60_000);
    const data = input({ code: estate.codes[3] });
    await expect(registerResident(db, data, { ip })).rejects.toMatchObject(tooMany);
    expect(await usersWithPhone(data.phone)).toBe(0);
    await expect(registerResident(db, data, { ip: randomIp() })).resolves.toMatchObject({
      companyId: company.companyId,
    });
  });

  it("tells a phone that already has an account to sign in, and writes nothing", async () => {
    const existing = await createUser(db, company.companyId, ["resident"]);
    const before = (
      await db.select({ n: count() }).from(residentLinks).where(eq(residentLinks.householdId, estate.households[4].id))
    )[0].n;
    await expect(
      registerResident(db, input({ phone: existing.phone ?? "", code: estate.codes[4] }), { ip: randomIp() }),
    ).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { phone: ["residents.errors.phoneHasAccount"] },
    });
    expect(
      (
        await db
          .select({ n: count() })
          .from(residentLinks)
          .where(eq(residentLinks.householdId, estate.households[4].id))
      )[0].n,
    ).toBe(before);
  });

  it("says nothing about a phone's account before the household code is right (staff phones included)", async () => {
    const staff = await createUser(db, company.companyId, ["finance"]);
    await expect(
      registerResident(db, input({ phone: staff.phone ?? "", code: await unknownCode() }), { ip: randomIp() }),
    ).rejects.toMatchObject(codeInvalid);
  });

  it("with a right code, asking about phones that have accounts counts against the address's limit", async () => {
    const ip = randomIp();
    for (let i = 0; i < 10; i++) {
      const existing = await createUser(db, company.companyId, ["resident"]);
      await expect(
        registerResident(db, input({ phone: existing.phone ?? "", code: estate.codes[4] }), { ip }),
      ).rejects.toMatchObject({
        fieldErrors: { phone: ["residents.errors.phoneHasAccount"] },
      });
    }
    const another = await createUser(db, company.companyId, ["resident"]);
    await expect(
      registerResident(db, input({ phone: another.phone ?? "", code: estate.codes[4] }), { ip }),
    ).rejects.toMatchObject(tooMany);
  });

  it("lets exactly one of two simultaneous registrations with the same phone through, all or nothing", async () => {
    const phone = randomPhone();
    const results = await Promise.allSettled([
      registerResident(db, input({ phone, code: estate.codes[5] }), { ip: randomIp() }),
      registerResident(db, input({ phone, code: estate.codes[5], relation: "tenant" }), { ip: randomIp() }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({
      fieldErrors: { phone: ["residents.errors.phoneHasAccount"] },
    });
    const [user] = await db.select().from(users).where(eq(users.phone, phone));
    expect((await db.select({ n: count() }).from(memberships).where(eq(memberships.userId, user.id)))[0].n).toBe(1);
    expect((await db.select({ n: count() }).from(residentLinks).where(eq(residentLinks.userId, user.id)))[0].n).toBe(1);
  });
});

describe("a signed-in resident adds a household", () => {
  let db: Db;
  let company: Awaited<ReturnType<typeof createCompany>>;
  let estate: Awaited<ReturnType<typeof createCodedEstate>>;

  beforeAll(async () => {
    db = (await createTestDb()).db;
    company = await createCompany(db);
    estate = await createCodedEstate(db, company.companyId, { n: 4 });
  });

  const request = (userId: number, code: string, relation = "owner", ip = randomIp()) =>
    requestHousehold(db, company.companyId, userId, requestHouseholdSchema.parse({ code, relation }), { ip });

  it("creates a pending link; asking again is refused clearly; approved is 'already linked'", async () => {
    const resident = await createUser(db, company.companyId, ["resident"]);
    const { linkId } = await request(resident.id, estate.codes[0], "tenant");
    const [link] = await db.select().from(residentLinks).where(eq(residentLinks.id, linkId));
    expect(link).toMatchObject({
      userId: resident.id,
      householdId: estate.households[0].id,
      relation: "tenant",
      status: "pending",
    });
    await expect(request(resident.id, estate.codes[0])).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { code: ["residents.errors.alreadyRequested"] },
    });
    await db.update(residentLinks).set({ status: "approved" }).where(eq(residentLinks.id, linkId));
    await expect(request(resident.id, estate.codes[0])).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { code: ["residents.errors.alreadyLinked"] },
    });
  });

  it("reopens a rejected or removed link as a new pending request, with an audit entry", async () => {
    const resident = await createUser(db, company.companyId, ["resident"]);
    const rejected = await addLink(db, company.companyId, resident.id, estate.households[1].id, "owner", "rejected");
    const removed = await addLink(db, company.companyId, resident.id, estate.households[2].id, "family", "removed");
    expect(await request(resident.id, estate.codes[1], "family")).toEqual({ linkId: rejected.id });
    expect(await request(resident.id, estate.codes[2], "tenant")).toEqual({ linkId: removed.id });
    const links = await db.select().from(residentLinks).where(eq(residentLinks.userId, resident.id));
    expect(links.map((l) => [l.id, l.status, l.relation])).toEqual([
      [rejected.id, "pending", "family"],
      [removed.id, "pending", "tenant"],
    ]);
    const audit = await db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.companyId, company.companyId),
          eq(auditLog.action, "resident_link.request"),
          eq(auditLog.entityId, String(rejected.id)),
        ),
      );
    expect(audit[0]).toMatchObject({
      before: { status: "rejected", relation: "owner" },
      after: { status: "pending", relation: "family" },
    });
  });

  it("treats another company's code as a wrong code (counted), and blocks the account after 5", async () => {
    const other = await createCompany(db);
    const otherEstate = await createCodedEstate(db, other.companyId, { n: 1 });
    const resident = await createUser(db, company.companyId, ["resident"]);
    await expect(request(resident.id, otherEstate.codes[0])).rejects.toMatchObject(codeInvalid);
    expect(
      (await db.select({ n: count() }).from(residentLinks).where(eq(residentLinks.userId, resident.id)))[0].n,
    ).toBe(0);
    const [row] = await db
      .select()
      .from(rateLimits)
      .where(eq(rateLimits.key, `hhcode:user:${resident.id}`));
    expect(row.count).toBe(1);
    for (let i = 0; i < 4; i++)
      await expect(request(resident.id, otherEstate.codes[0])).rejects.toMatchObject(codeInvalid);
    await expect(request(resident.id, estate.codes[3])).rejects.toMatchObject(tooMany);
    expect(
      (await db.select({ n: count() }).from(residentLinks).where(eq(residentLinks.userId, resident.id)))[0].n,
    ).toBe(0);
  });
});
