import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { and, count, eq, sql } from "drizzle-orm";
import { is } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { auditLog, companies, companyPurges, memberships, users, workOrderAttachments } from "@/db/schema";
import { verifyCredentials } from "@/lib/auth/credentials";
import { loadSessionUser } from "@/lib/auth/current-user";
import type { Db } from "@/lib/db/client";
import { cancelClosure, purgeCompanyIfDue, purgeDueCompanies, requestClosure } from "@/lib/privacy/closure";
import { exportEntries, zipStream } from "@/lib/privacy/export";
import { companyNameHash } from "@/lib/privacy/rules";
import { privacySettings, updatePrivacySettings } from "@/lib/privacy/settings";
import { createUser, TEST_PASSWORD } from "../support/fixtures";
import { privacyWorld } from "../support/privacy";
import { randomIp } from "../support/residents-fixtures";
import { createTestDb } from "../support/test-db";
import { hashPassword } from "@/lib/auth/password";

const DAY = 24 * 60 * 60 * 1000;

/** Every table of the drizzle schema that carries company_id: the export must contain each one. */
const COMPANY_TABLES = Object.values(schema)
  .flatMap((v) => (is(v, SQLiteTable) ? [getTableConfig(v)] : []))
  .filter((t) => t.columns.some((c) => c.name === "company_id"))
  .map((t) => t.name)
  .sort();

async function exportOf(db: Db, companyId: number): Promise<Record<string, Uint8Array>> {
  const chunks: Uint8Array[] = [];
  const reader = zipStream(exportEntries(db, companyId)).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return unzipSync(Buffer.concat(chunks));
}

describe("company export", () => {
  let db: Db;
  let uploads: string;
  const savedDir = process.env.UPLOADS_DIR;
  beforeAll(async () => {
    db = (await createTestDb()).db;
    uploads = await fs.mkdtemp(path.join(os.tmpdir(), "guanjia-export-"));
    process.env.UPLOADS_DIR = uploads;
  });
  afterAll(async () => {
    process.env.UPLOADS_DIR = savedDir;
    await fs.rm(uploads, { recursive: true, force: true });
  });

  it("holds one JSON file per company table (every table of the schema), the company, its members and its files — nothing of another company", async () => {
    const a = await privacyWorld(db);
    const b = await privacyWorld(db);
    const stored = `${a.companyId}-photo.jpg`;
    await fs.writeFile(path.join(uploads, stored), Buffer.from("photo-bytes"));
    await db.insert(workOrderAttachments).values({
      companyId: a.companyId,
      workOrderId: a.order.id,
      kind: "before",
      storedPath: stored,
      mime: "image/jpeg",
      size: 11,
      sha256: "x",
    });

    const files = await exportOf(db, a.companyId);
    const names = Object.keys(files);
    for (const table of COMPANY_TABLES) expect(names, `${table} missing from the export`).toContain(`${table}.json`);
    const read = (name: string) => JSON.parse(Buffer.from(files[name]).toString("utf8")) as Record<string, unknown>[];
    for (const table of COMPANY_TABLES)
      for (const row of read(`${table}.json`)) expect(row.company_id, table).toBe(a.companyId);
    expect(read("bills.json").length).toBe(4);
    expect(read("companies.json")).toEqual([expect.objectContaining({ id: a.companyId })]);
    const members = read("users.json");
    expect(members.map((u) => u.id)).toContain(a.resident.id);
    expect(members.map((u) => u.id)).not.toContain(b.resident.id);
    expect(JSON.stringify(members)).not.toContain("password");
    expect(Buffer.from(files[`files/${stored}`]).toString()).toBe("photo-bytes");
    const all = names.map((n) => Buffer.from(files[n]).toString("utf8")).join("\n");
    expect(all).not.toContain(b.resident.phone!);
  });
});

describe("company closure, grace and purge", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  async function residentWithPassword(companyId: number) {
    const user = await createUser(db, companyId, ["resident"], "住户");
    await db
      .update(users)
      .set({ passwordHash: await hashPassword(TEST_PASSWORD) })
      .where(eq(users.id, user.id));
    return user;
  }

  it("closing needs the company's name; while closing only admins sign in; cancel restores everything", async () => {
    const w = await privacyWorld(db);
    const resident = await residentWithPassword(w.companyId);
    await expect(requestClosure(db, w.companyId, w.adminId, "wrong name")).rejects.toMatchObject({
      fieldErrors: { confirmName: ["privacy.errors.nameMismatch"] },
    });
    const [c] = await db.select().from(companies).where(eq(companies.id, w.companyId));
    const now = new Date("2026-03-01T00:00:00Z");
    const { purgeAfter } = await requestClosure(db, w.companyId, w.adminId, c.name, now);
    expect(purgeAfter.getTime()).toBe(now.getTime() + 30 * DAY);
    // Asking again keeps the first date.
    expect(
      (await requestClosure(db, w.companyId, w.adminId, c.name, new Date(now.getTime() + DAY))).purgeAfter,
    ).toEqual(purgeAfter);

    expect(await verifyCredentials(db, resident.phone!, TEST_PASSWORD, randomIp())).toEqual({
      ok: false,
      reason: "company_closed",
    });
    // A wrong password still answers "invalid" (closing does not reveal that the account exists).
    expect(await verifyCredentials(db, resident.phone!, "wrong-password", randomIp())).toMatchObject({
      reason: "invalid",
    });
    expect(await verifyCredentials(db, w.admin.phone, TEST_PASSWORD, randomIp())).toMatchObject({ ok: true });
    expect(await loadSessionUser(db, { userId: resident.id, sessionVersion: 1, companyId: w.companyId })).toBeNull();
    expect(await loadSessionUser(db, { userId: w.adminId, sessionVersion: 1, companyId: w.companyId })).not.toBeNull();

    expect(await cancelClosure(db, w.companyId, w.adminId)).toEqual({ cancelled: true });
    expect(await cancelClosure(db, w.companyId, w.adminId)).toEqual({ cancelled: false });
    expect(await verifyCredentials(db, resident.phone!, TEST_PASSWORD, randomIp())).toMatchObject({ ok: true });
    // A purge after the cancel finds nothing to do.
    expect(await purgeCompanyIfDue(db, w.companyId, new Date(now.getTime() + 60 * DAY))).toBe(false);
  });

  it("after the grace period the purge deletes every row of the company, keeps a record, and is idempotent; other companies are untouched", async () => {
    const w = await privacyWorld(db);
    const other = await privacyWorld(db);
    const otherCounts = await rowCounts(db, other.companyId);
    const [c] = await db.select().from(companies).where(eq(companies.id, w.companyId));
    const asked = new Date("2026-03-01T00:00:00Z");
    await requestClosure(db, w.companyId, w.adminId, c.name, asked);
    expect(await purgeCompanyIfDue(db, w.companyId, new Date(asked.getTime() + 29 * DAY))).toBe(false);
    expect(await db.select().from(companies).where(eq(companies.id, w.companyId))).toHaveLength(1);

    const when = new Date(asked.getTime() + 31 * DAY);
    // Two cron runs at once: exactly one purges.
    const runs = await Promise.all([
      purgeCompanyIfDue(db, w.companyId, when),
      purgeCompanyIfDue(db, w.companyId, when),
    ]);
    expect(runs.filter(Boolean)).toHaveLength(1);
    expect(await purgeCompanyIfDue(db, w.companyId, when)).toBe(false);

    expect(await rowCounts(db, w.companyId)).toEqual(Object.fromEntries(COMPANY_TABLES.map((t) => [t, 0])));
    expect(await db.select().from(companies).where(eq(companies.id, w.companyId))).toEqual([]);
    expect(await db.select().from(users).where(eq(users.id, w.resident.id))).toEqual([]);
    const [record] = await db.select().from(companyPurges).where(eq(companyPurges.purgedCompanyId, w.companyId));
    expect(record).toEqual({
      purgedCompanyId: w.companyId,
      nameHash: companyNameHash(w.companyId, c.name),
      closureRequestedAt: asked,
      purgedAt: when,
    });
    expect(record.nameHash).not.toContain(c.name);

    expect(await rowCounts(db, other.companyId)).toEqual(otherCounts);
    expect(
      (await db.select({ n: count() }).from(memberships).where(eq(memberships.companyId, other.companyId)))[0].n,
    ).toBeGreaterThan(0);
  });

  it("the admin's grace period and retention settings are audited and used by the next closure", async () => {
    const w = await privacyWorld(db);
    await updatePrivacySettings(db, w.companyId, w.adminId, { moneyRetentionYears: 12, closureGraceDays: 7 });
    const settings = await privacySettings(db, w.companyId);
    expect(settings).toMatchObject({ moneyRetentionYears: 12, closureGraceDays: 7, purgeAfter: null });
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.companyId, w.companyId), eq(auditLog.action, "company.privacy_settings")));
    expect(audit).toMatchObject({
      actorUserId: w.adminId,
      before: { moneyRetentionYears: 30, closureGraceDays: 30 },
      after: { moneyRetentionYears: 12, closureGraceDays: 7 },
    });
    const asked = new Date("2026-05-01T00:00:00Z");
    const { purgeAfter } = await requestClosure(db, w.companyId, w.adminId, settings.name, asked);
    expect(purgeAfter.getTime()).toBe(asked.getTime() + 7 * DAY);
    await cancelClosure(db, w.companyId, w.adminId);
  });

  it("the cron step purges every due company once", async () => {
    const w = await privacyWorld(db);
    const [c] = await db.select().from(companies).where(eq(companies.id, w.companyId));
    await requestClosure(db, w.companyId, w.adminId, c.name, new Date(Date.now() - 40 * DAY));
    const first = await purgeDueCompanies(db, new Date());
    expect(first).toContain(w.companyId);
    expect(await purgeDueCompanies(db, new Date())).not.toContain(w.companyId);
  });
});

async function rowCounts(db: Db, companyId: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of COMPANY_TABLES) {
    const [row] = await db.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM ${sql.identifier(t)} WHERE company_id = ${companyId}`,
    );
    out[t] = Number(row.n);
  }
  return out;
}
