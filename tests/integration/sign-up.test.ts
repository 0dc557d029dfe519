import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, companies, memberships, users } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { signUpCompany } from "@/lib/flows/sign-up-company";
import { signUpSchema } from "@/lib/tenancy/schemas";
import { randomPhone } from "../support/fixtures";
import { randomIp } from "../support/residents-fixtures";
import { createTestDb } from "../support/test-db";

const input = (over: Partial<Record<string, string | boolean>> = {}) =>
  signUpSchema.parse({
    companyName: `新物业-${randomPhone()}`,
    name: "赵六",
    phone: randomPhone(),
    email: `boss-${randomPhone()}@example.com`,
    password: "orchid-lamp-47",
    acceptDpa: true,
    ...over,
  });

describe("company sign-up", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  const companyCount = async (name: string) =>
    (await db.select({ n: count() }).from(companies).where(eq(companies.name, name)))[0].n;

  it("creates the company, its admin with the admin role, and an audit entry", async () => {
    const data = input();
    const { companyId, userId } = await signUpCompany(db, data);
    const roles = await db.select({ role: memberships.role }).from(memberships).where(eq(memberships.userId, userId));
    expect(roles).toEqual([{ role: "admin" }]);
    const [user] = await db.select().from(users).where(eq(users.id, userId));
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.email).toBe(data.email);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.companyId, companyId), eq(auditLog.action, "company.sign_up")));
    expect(audit).toHaveLength(1);
  });

  it("refuses an existing phone or e-mail with one generic answer (which one is not told) and writes nothing", async () => {
    const first = input();
    await signUpCompany(db, first);
    for (const again of [
      input({ phone: first.phone }),
      input({ email: first.email }),
      input({ phone: first.phone, email: first.email }),
    ]) {
      await expect(signUpCompany(db, again, { ip: randomIp() })).rejects.toMatchObject({
        code: "conflict",
        fieldErrors: { _form: ["validation.identifierUnavailable"] },
      });
      expect(await companyCount(again.companyName)).toBe(0);
    }
  });

  it("limits public sign-up per address: every attempt counts, the 11th in an hour is refused", async () => {
    const ip = randomIp();
    const taken = input();
    await signUpCompany(db, taken);
    for (let i = 0; i < 5; i++) await signUpCompany(db, input(), { ip });
    for (let i = 0; i < 5; i++)
      await expect(signUpCompany(db, input({ phone: taken.phone }), { ip })).rejects.toMatchObject({
        code: "conflict",
      });
    const refused = input();
    await expect(signUpCompany(db, refused, { ip })).rejects.toMatchObject({ code: "rate_limited" });
    expect(await companyCount(refused.companyName)).toBe(0);
    await expect(signUpCompany(db, refused, { ip: randomIp() })).resolves.toMatchObject({
      companyId: expect.any(Number),
    });
  });

  it("lets exactly one of two simultaneous sign-ups with the same phone through", async () => {
    const phone = randomPhone();
    const a = input({ phone });
    const b = input({ phone });
    const results = await Promise.allSettled([signUpCompany(db, a), signUpCompany(db, b)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({
      code: "conflict",
      fieldErrors: { _form: ["validation.identifierUnavailable"] },
    });
    expect((await companyCount(a.companyName)) + (await companyCount(b.companyName))).toBe(1);
    expect((await db.select({ n: count() }).from(users).where(eq(users.phone, phone)))[0].n).toBe(1);
  });
});
