import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { revokeSession } from "@/lib/auth/revocation";
import type { Db } from "@/lib/db/client";
import { createCompany, createUser } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

/*
 * The action builder and the route guard, run for real on a migrated database. Only what Next
 * provides is replaced: next-auth's session getter (the signed cookie) and the app's database
 * handle (lib/db reads DATABASE_URL); loading the user, revocation, roles and parsing are real.
 */
const holder = vi.hoisted(() => ({
  db: undefined as unknown as Db,
  session: null as null | { uid: number; ver: number; sid: string; cid: number },
}));
vi.mock("@/lib/db", () => ({ getDb: () => holder.db }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => holder.session,
}));
const { authorizedAction, publicAction } = await import("@/lib/actions/authorized-action");
const { formAction } = await import("@/lib/actions/form-action");
const { authorizeRoute } = await import("@/lib/actions/authorized-route");

const schema = z.object({ name: z.string().min(2, "validation.tooShort"), count: z.coerce.number().int().positive() });

describe("authorizedAction, formAction and authorizeRoute", () => {
  let companyA: Awaited<ReturnType<typeof createCompany>>;
  let companyB: Awaited<ReturnType<typeof createCompany>>;
  let butler: Awaited<ReturnType<typeof createUser>>;
  let financeStaff: Awaited<ReturnType<typeof createUser>>;
  const calls: { input: unknown; companyId: number; userId: number; roles: string[] }[] = [];
  const action = authorizedAction({ schema, roles: ["butler", "admin"] }, async (input, ctx) => {
    calls.push({ input, companyId: ctx.companyId, userId: ctx.user.id, roles: ctx.roles });
    return { seen: input.name };
  });

  const signIn = (user: { id: number; sessionVersion: number }, companyId: number, sid = randomUUID()) => {
    holder.session = { uid: user.id, ver: user.sessionVersion, sid, cid: companyId };
    return sid;
  };

  beforeAll(async () => {
    holder.db = (await createTestDb()).db;
    companyA = await createCompany(holder.db);
    companyB = await createCompany(holder.db);
    butler = await createUser(holder.db, companyA.companyId, ["butler"], "管家甲");
    financeStaff = await createUser(holder.db, companyA.companyId, ["finance"], "财务甲");
  });

  beforeEach(() => {
    calls.length = 0;
    holder.session = null;
  });

  it("hands the handler the parsed input and the session's company, never one from the input", async () => {
    signIn(butler, companyA.companyId);
    const input = { name: "张三", count: "3", companyId: companyB.companyId } as unknown as z.input<typeof schema>;
    expect(await action(input)).toEqual({ ok: true, data: { seen: "张三" } });
    expect(calls).toEqual([
      { input: { name: "张三", count: 3 }, companyId: companyA.companyId, userId: butler.id, roles: ["butler"] },
    ]);
  });

  it("bad input: field errors with the schema's message keys, and the handler is not called", async () => {
    signIn(butler, companyA.companyId);
    const result = await action({ name: "x", count: -1 });
    expect(result).toMatchObject({ ok: false, code: "validation", message: "errors.validation" });
    if (result.ok) throw new Error("expected a refusal");
    expect(result.fieldErrors?.name).toEqual(["validation.tooShort"]);
    expect(result.fieldErrors?.count).toHaveLength(1);
    expect(calls).toHaveLength(0);
  });

  it("no session: unauthenticated, before the input is even parsed", async () => {
    expect(await action({ name: "x", count: -1 })).toEqual({
      ok: false,
      code: "unauthenticated",
      message: "errors.unauthenticated",
    });
    expect(calls).toHaveLength(0);
  });

  it("a revoked session (signed out) is no session", async () => {
    const sid = signIn(butler, companyA.companyId);
    expect((await action({ name: "张三", count: 1 })).ok).toBe(true);
    await revokeSession(
      holder.db,
      { userId: butler.id, sessionVersion: butler.sessionVersion, sessionId: sid },
      Date.now() + 60_000,
    );
    calls.length = 0;
    expect(await action({ name: "张三", count: 1 })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(calls).toHaveLength(0);
  });

  it("a session for a company the user is not a member of is no session", async () => {
    signIn(butler, companyB.companyId);
    expect(await action({ name: "张三", count: 1 })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(calls).toHaveLength(0);
  });

  it("wrong role: forbidden and nothing called", async () => {
    signIn(financeStaff, companyA.companyId);
    expect(await action({ name: "张三", count: 1 })).toEqual({
      ok: false,
      code: "forbidden",
      message: "errors.forbidden",
    });
    expect(calls).toHaveLength(0);
  });

  it("an AppError from the handler becomes its coded result; anything else is 'internal' without details", async () => {
    const { AppError } = await import("@/lib/actions/result");
    signIn(butler, companyA.companyId);
    const known = authorizedAction({ schema, roles: [] }, async () => {
      throw AppError.field("name", "validation.taken", "conflict");
    });
    expect(await known({ name: "张三", count: 1 })).toEqual({
      ok: false,
      code: "conflict",
      message: "errors.conflict",
      fieldErrors: { name: ["validation.taken"] },
    });
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = authorizedAction({ schema, roles: [] }, async () => {
      throw new Error("SQLITE_CONSTRAINT: secret detail");
    });
    expect(await broken({ name: "张三", count: 1 })).toEqual({
      ok: false,
      code: "internal",
      message: "errors.internal",
    });
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });

  it("publicAction validates without a session", async () => {
    let called = 0;
    const open = publicAction({ schema }, async (input) => {
      called++;
      return input.count;
    });
    expect(await open({ name: "张三", count: "2" as unknown as number })).toEqual({ ok: true, data: 2 });
    expect(await open({ name: "", count: 2 })).toMatchObject({ ok: false, code: "validation" });
    expect(called).toBe(1);
  });

  describe("formAction", () => {
    const seen: { input: unknown; companyId: number; file: unknown }[] = [];
    const form = formAction({ schema, roles: ["butler"] }, async (input, ctx, fd) => {
      seen.push({ input, companyId: ctx.companyId, file: fd.get("photo") });
      return "saved";
    });
    const formData = (fields: Record<string, string>) => {
      const fd = new FormData();
      for (const [k, v] of Object.entries(fields)) fd.set(k, v);
      return fd;
    };
    beforeEach(() => {
      seen.length = 0;
    });

    it("parses the FormData fields with the schema and hands over the FormData and the session's company", async () => {
      signIn(butler, companyA.companyId);
      const fd = formData({ name: "李四", count: "5", companyId: String(companyB.companyId) });
      fd.set("photo", new File(["x"], "a.jpg", { type: "image/jpeg" }));
      expect(await form(fd)).toEqual({ ok: true, data: "saved" });
      expect(seen).toHaveLength(1);
      expect(seen[0].input).toEqual({ name: "李四", count: 5 });
      expect(seen[0].companyId).toBe(companyA.companyId);
      expect(seen[0].file).toBeInstanceOf(File);
    });

    it("refuses bad fields, no session and the wrong role without calling the handler", async () => {
      signIn(butler, companyA.companyId);
      const bad = await form(formData({ name: "李", count: "zero" }));
      expect(bad).toMatchObject({ ok: false, code: "validation" });
      if (bad.ok) throw new Error("expected a refusal");
      expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["count", "name"]);
      holder.session = null;
      expect(await form(formData({ name: "李四", count: "5" }))).toMatchObject({ code: "unauthenticated" });
      signIn(financeStaff, companyA.companyId);
      expect(await form(formData({ name: "李四", count: "5" }))).toMatchObject({ code: "forbidden" });
      expect(seen).toHaveLength(0);
    });
  });

  describe("authorizeRoute", () => {
    const get = () => new Request("http://localhost/staff/files/1");
    const post = (origin?: string) =>
      new Request("http://localhost/staff/files", {
        method: "POST",
        headers: origin ? { origin, host: "localhost" } : { host: "localhost" },
      });

    it("gives the handler the session's company", async () => {
      signIn(butler, companyA.companyId);
      const result = await authorizeRoute(get(), ["butler"]);
      expect(result.ok).toBe(true);
      if (!result.ok) throw new Error("expected access");
      expect(result.ctx.companyId).toBe(companyA.companyId);
      expect(result.ctx.user.id).toBe(butler.id);
    });

    it("401 without a session or with a revoked one, 403 for the wrong role or another site's POST", async () => {
      const status = async (request: Request, roles: Parameters<typeof authorizeRoute>[1]) => {
        const result = await authorizeRoute(request, roles);
        if (result.ok) return 200;
        expect(result.response.headers.get("cache-control")).toBe("no-store");
        return result.response.status;
      };
      expect(await status(get(), [])).toBe(401);
      const sid = signIn(butler, companyA.companyId);
      expect(await status(get(), ["finance"])).toBe(403);
      expect(await status(post("http://evil.example"), ["butler"])).toBe(403);
      expect(await status(post("http://localhost"), ["butler"])).toBe(200);
      await revokeSession(
        holder.db,
        { userId: butler.id, sessionVersion: butler.sessionVersion, sessionId: sid },
        Date.now() + 60_000,
      );
      expect(await status(get(), ["butler"])).toBe(401);
      const body = await (await authorizeRoute(get(), ["butler"]).then((r) => (r.ok ? null : r.response)))?.json();
      expect(body).toEqual({ ok: false, code: "unauthenticated", message: "errors.unauthenticated" });
    });
  });
});
