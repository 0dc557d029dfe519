import { createClient, type Client } from "@libsql/client";
import { hash } from "@node-rs/argon2";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import en from "../../../messages/portal/en.json" with { type: "json" };
import zh from "../../../messages/portal/zh-CN.json" with { type: "json" };
import { DEMO_COMPANY_NAME } from "../../../scripts/seed/demo-logins";
import { PRIVACY_NOTICE_VERSION } from "../../../lib/privacy/rules";
import { uniqueEmail, uniquePhone, uniqueTag } from "../support/factories";
import { createTestHousehold } from "../support/households";
import type { Locale } from "../support/messages";

/** This module's message catalogue (messages/portal/<locale>.json). */
export function portalMessages(locale: Locale = "zh-CN"): typeof zh {
  return locale === "en" ? en : zh;
}

/** The e2e server's database (scripts/e2e-server.sh), written here to set up each test's own data. */
function e2eDatabaseUrl(): string {
  if (process.env.E2E_DATABASE_URL) return process.env.E2E_DATABASE_URL;
  const port = process.env.E2E_PORT || "3211";
  const tmp = fs.realpathSync(process.env.TMPDIR || os.tmpdir());
  return `file:${path.join(tmp, `guanjia-e2e-${port}`, "e2e.db")}`;
}

export async function withDb<T>(run: (c: Client) => Promise<T>): Promise<T> {
  const client = createClient({ url: e2eDatabaseUrl() });
  try {
    await client.execute("PRAGMA busy_timeout = 5000");
    return await run(client);
  } finally {
    client.close();
  }
}

export interface PortalResident {
  email: string;
  password: string;
  userId: number;
  companyId: number;
  householdId: number;
  communityId: number;
}

/**
 * A brand-new resident account of the demo company, linked (approved) to a household created
 * for it — so tests never touch the demo users, seeded history or each other's data.
 */
export async function createPortalResident(locale: Locale): Promise<PortalResident> {
  const password = `Pw-${uniqueTag()}-2026`;
  const passwordHash = await hash(password);
  const email = uniqueEmail("portal");
  return withDb(async (c) => {
    const { householdId, companyId, communityId } = await createTestHousehold(c, { companyName: DEMO_COMPANY_NAME });
    const now = Date.now();
    const user = await c.execute({
      sql: `insert into users (name, phone, email, password_hash, locale, session_version, active, created_at, updated_at) values (?, ?, ?, ?, ?, 1, 1, ?, ?) returning id`,
      args: [`测试住户${uniqueTag().slice(0, 4)}`, uniquePhone(), email, passwordHash, locale, now, now],
    });
    const userId = Number(user.rows[0].id);
    await c.execute({
      sql: `insert into memberships (company_id, user_id, role, created_at) values (?, ?, 'resident', ?)`,
      args: [companyId, userId, now],
    });
    await c.execute({
      sql: `insert into consent_records (company_id, user_id, document, version, created_at) values (?, ?, 'privacy_notice', ?, ?)`,
      args: [companyId, userId, PRIVACY_NOTICE_VERSION, now],
    });
    await c.execute({
      sql: `insert into resident_links (company_id, user_id, household_id, relation, status, created_at, updated_at) values (?, ?, ?, 'owner', 'approved', ?, ?)`,
      args: [companyId, userId, householdId, now, now],
    });
    return {
      email,
      password,
      userId,
      companyId: Number(companyId),
      householdId: Number(householdId),
      communityId: Number(communityId),
    };
  });
}

export async function insertNotice(
  r: PortalResident,
  n: { title: string; body: string; emergency: boolean; publishAt?: number },
): Promise<number> {
  return withDb(async (c) => {
    const res = await c.execute({
      sql: `insert into portal_notices (company_id, community_id, title, body, pinned, emergency, publish_at, created_at) values (?, ?, ?, ?, 0, ?, ?, ?) returning id`,
      args: [
        r.companyId,
        r.communityId,
        n.title,
        n.body,
        n.emergency ? 1 : 0,
        n.publishAt ?? Date.now() - 60_000,
        Date.now(),
      ],
    });
    return Number(res.rows[0].id);
  });
}

export async function insertActivity(r: PortalResident, a: { title: string; capacity: number }): Promise<number> {
  const day = 86_400_000;
  return withDb(async (c) => {
    const now = Date.now();
    const res = await c.execute({
      sql: `insert into activities (company_id, community_id, title, description, place, starts_at, ends_at, capacity, signup_deadline, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      args: [
        r.companyId,
        r.communityId,
        a.title,
        "E2E",
        "会所",
        now + 3 * day,
        now + 3 * day + 7_200_000,
        a.capacity,
        now + 2 * day,
        now,
      ],
    });
    return Number(res.rows[0].id);
  });
}

export async function insertProduct(
  r: PortalResident,
  p: { name: string; priceFen: number; stock: number },
): Promise<number> {
  return withDb(async (c) => {
    const now = Date.now();
    const res = await c.execute({
      sql: `insert into shop_products (company_id, kind, name, description, price_fen, stock, active, created_at, updated_at) values (?, 'product', ?, '', ?, ?, 1, ?, ?) returning id`,
      args: [r.companyId, p.name, p.priceFen, p.stock, now, now],
    });
    return Number(res.rows[0].id);
  });
}

/** A gold badge for the resident's household (the award rules themselves belong to CRM-EW). */
export async function giveGoldBadge(r: PortalResident): Promise<void> {
  await withDb((c) =>
    c.execute({
      sql: `insert into gold_badges (company_id, household_id, awarded_on, expires_on, created_at) values (?, ?, '2026-01-01', '2099-01-01', ?)`,
      args: [r.companyId, r.householdId, Date.now()],
    }),
  );
}
