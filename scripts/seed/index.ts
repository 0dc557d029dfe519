/**
 * Demo and benchmark data. `seedDemo(db)` creates 示范物业 with the fixed logins of
 * `demo-logins.ts`; `seedDemo(db, { profile: "bench", households: 50_000 })` creates
 * 大型示范物业. Deterministic for a given seed, and idempotent: a company that was seeded
 * completely is left alone; one left half-done by a crash is removed and seeded again.
 * The database must be migrated first (scripts/seed.ts does that).
 */
import { hash } from "@node-rs/argon2";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../../lib/db/client";
import * as s from "../../db/schema";
import { benchProfile } from "./bench-company";
import { countCompany, type SeedCounts } from "./counts";
import { demoProfile } from "./demo-company";
import { DEMO_PASSWORD } from "./demo-logins";
import { findSeededCompany, loadTaken, nextIds, purgeCompany, SEED_ACTION } from "./existing";
import { insertRows } from "./insert";
import { planHouseholds } from "./people";
import { createRng, type Rng } from "./random";
import { planRegistry } from "./registry";
import { buildRows } from "./rows";
import { assignStaff } from "./staff";
import { seedDemoAttendance, seedDemoHr, seedDemoTraining } from "./hr";
import { seedDemoTickets } from "./tickets";
import { seedDemoApprovals } from "./approvals";
import { seedDemoPortal } from "./portal";
import { seedDemoField } from "./field";

export {
  DEMO_LOGINS,
  DEMO_PASSWORD,
  DEMO_COMPANY_NAME,
  BENCH_COMPANY_NAME,
  demoLogin,
  type DemoLogin,
} from "./demo-logins";
export { formatCounts, type SeedCounts } from "./counts";

export const DEFAULT_SEED = "guanjia";
export const DEFAULT_BENCH_HOUSEHOLDS = 50_000;

export interface SeedOptions {
  /** "demo" (default): 示范物业 with the fixed logins. "bench": 大型示范物业, sized by `households`. */
  profile?: "demo" | "bench";
  /** Demo: 1,200 by default. Bench: 50,000 by default. */
  households?: number;
  /** PRNG seed: the same seed on the same database gives the same data. */
  seed?: string;
  /** Remove the company and seed it again even when it is complete. */
  reset?: boolean;
  /** Reuse an argon2id hash of DEMO_PASSWORD (tests hash once per run). */
  passwordHash?: string;
  /** Progress lines; silent by default. */
  log?: (line: string) => void;
}

export interface SeedResult {
  companyId: number;
  companyName: string;
  /** created: seeded now; exists: already complete, nothing written; rebuilt: an old or partial copy was replaced. */
  status: "created" | "exists" | "rebuilt";
  counts: SeedCounts;
  ms: number;
}

/** An argon2id hash of the shared demo password. Hash once, reuse for every seeded account. */
export async function hashDemoPassword(): Promise<string> {
  const digest = await hash(DEMO_PASSWORD);
  if (!digest.startsWith("$argon2id$")) throw new Error("expected an argon2id hash");
  return digest;
}

type Profile = ReturnType<typeof demoProfile>;
type Log = (line: string) => void;

/** Plan everything in memory first. */
function planSeed(
  rng: Rng,
  profile: Profile,
  taken: Awaited<ReturnType<typeof loadTaken>>,
  ids: Awaited<ReturnType<typeof nextIds>>,
  passwordHash: string,
  now: Date,
) {
  const registry = planRegistry(rng.fork("registry"), profile.communities, profile.households);
  const plannedHouseholds = planHouseholds(rng.fork("households"), registry, {
    households: profile.households,
    tenantShare: profile.tenantShare,
    parkingShare: profile.parkingShare,
    secondContactShare: profile.secondContactShare,
    accountShare: profile.accountShare,
    takenPhones: taken.phones,
    takenCodes: taken.codes,
    demoResident: profile.demoResident,
  });
  const perBuilding = registry.map((c) => c.buildings.map(() => 0));
  for (const h of plannedHouseholds) perBuilding[h.flat.community][h.flat.building]++;
  const staffPlan = profile.staff(
    rng.fork("staff"),
    perBuilding.map((b) => b.reduce((a, n) => a + n, 0)),
  );
  for (const m of staffPlan.members) {
    if (taken.emails.has(m.email.toLowerCase()) || taken.phones.has(m.phone)) {
      throw new Error(
        `a user with ${m.email} or ${m.phone} already exists outside ${profile.companyName}; remove it or use another database`,
      );
    }
  }
  const assignments = assignStaff(staffPlan.members, registry, perBuilding, staffPlan.butlerGroups);
  return buildRows({
    ids,
    now,
    companyName: profile.companyName,
    registry,
    households: plannedHouseholds,
    staff: staffPlan.members,
    assignments,
    passwordHash,
  });
}

type Write = <T extends SQLiteTable>(label: string, table: T, data: readonly T["$inferInsert"][]) => Promise<void>;

function timedWriter(db: Db, log: Log): Write {
  return async (label, table, data) => {
    const t = performance.now();
    await insertRows(db, table, data);
    const took = performance.now() - t;
    log(`  ${label.padEnd(20)} ${data.length.toLocaleString("en-US").padStart(9)} rows  ${ms(took).padStart(8)}`);
  };
}

/** Write the planned rows, parents before children (the audit row is not among them). */
async function writeRows(db: Db, write: Write, rows: ReturnType<typeof buildRows>, companyId: number) {
  await write("companies", s.companies, [rows.company]);
  await write("users", s.users, rows.users);
  await write("memberships", s.memberships, rows.memberships);
  await write("communities", s.communities, rows.communities);
  await write("buildings", s.buildings, rows.buildings);
  await write("units", s.units, rows.units);
  await write("households", s.households, rows.households);
  await write("household_units", s.householdUnits, rows.householdUnits);
  await write("household_contacts", s.householdContacts, rows.contacts);
  await write("building_butlers", s.buildingButlers, rows.buildingButlers);
  await write("supervisor_butlers", s.supervisorButlers, rows.supervisorButlers);
  await write("community_managers", s.communityManagers, rows.communityManagers);
  await write("resident_links", s.residentLinks, rows.residentLinks);
  // Seeded people accepted version 1 of the documents when they "signed up": residents the
  // privacy notice, admins the data-processing agreement (lib/privacy/rules.ts versions).
  await db.run(sql`INSERT OR IGNORE INTO consent_records (company_id, user_id, document, version, created_at)
    SELECT company_id, user_id, 'privacy_notice', 1, min(created_at) FROM resident_links WHERE company_id = ${companyId} GROUP BY company_id, user_id
    UNION ALL SELECT company_id, user_id, 'dpa', 1, min(created_at) FROM memberships WHERE company_id = ${companyId} AND role = 'admin' GROUP BY company_id, user_id`);
}

/** The demo company's work orders, HR, approvals and portal. */
async function seedDemoExtras(db: Db, companyId: number, rng: Rng, now: Date, log: Log) {
  const t = performance.now();
  const made = await seedDemoTickets(db, companyId, rng.fork("tickets"), now);
  log(
    `  ${"work orders".padEnd(20)} ${String(made.orders).padStart(9)} rows  ${ms(performance.now() - t).padStart(8)}`,
  );
  const records = await seedDemoHr(db, companyId);
  log(`  ${"staff records".padEnd(20)} ${String(records).padStart(9)} rows`);
  const clocks = await seedDemoAttendance(db, companyId, rng.fork("attendance"), now);
  log(`  ${"attendance".padEnd(20)} ${String(clocks).padStart(9)} rows`);
  const enrolments = await seedDemoTraining(db, companyId, rng.fork("hr-training"), now);
  log(`  ${"training".padEnd(20)} ${String(enrolments).padStart(9)} rows`);
  const requests = await seedDemoApprovals(db, companyId, now);
  log(`  ${"approval requests".padEnd(20)} ${String(requests).padStart(9)} rows`);
  const portal = await seedDemoPortal(db, companyId, now);
  log(`  ${"portal".padEnd(20)} ${JSON.stringify(portal)}`);
  const field = await seedDemoField(db, companyId, rng.fork("field"), now);
  log(`  ${"field operations".padEnd(20)} ${JSON.stringify(field)}`);
}

export async function seedDemo(db: Db, opts: SeedOptions = {}): Promise<SeedResult> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const seed = opts.seed ?? DEFAULT_SEED;
  const key = opts.profile ?? "demo";
  const households = opts.households ?? (key === "bench" ? DEFAULT_BENCH_HOUSEHOLDS : undefined);
  if (households !== undefined && (!Number.isInteger(households) || households < 1))
    throw new Error(`households must be a positive integer, got ${households}`);
  const rng = createRng(`${seed}/${key}`);
  const profile =
    key === "bench"
      ? benchProfile(rng.fork("communities"), households ?? DEFAULT_BENCH_HOUSEHOLDS)
      : demoProfile(households);

  const existing = await findSeededCompany(db, profile.companyName);
  if (existing?.complete && !opts.reset) {
    log(`${profile.companyName} is already seeded (company ${existing.id}); nothing to do`);
    return {
      companyId: existing.id,
      companyName: profile.companyName,
      status: "exists",
      counts: await countCompany(db, existing.id),
      ms: performance.now() - started,
    };
  }
  if (existing) {
    log(
      existing.complete
        ? `removing ${profile.companyName} (company ${existing.id}) to seed it again`
        : `removing an unfinished seed of ${profile.companyName} (company ${existing.id})`,
    );
    await purgeCompany(db, existing.id);
  }

  const [passwordHash, taken, ids] = await Promise.all([
    opts.passwordHash ?? hashDemoPassword(),
    loadTaken(db),
    nextIds(db),
  ]);

  const tPlan = performance.now();
  const now = new Date();
  const rows = planSeed(rng, profile, taken, ids, passwordHash, now);
  log(`planned ${profile.companyName} in ${ms(performance.now() - tPlan)} (seed "${seed}")`);

  // Then write it, parents before children. The audit row goes last: it marks the seed complete.
  const write = timedWriter(db, log);
  await writeRows(db, write, rows, ids.companies);
  if (key === "demo") await seedDemoExtras(db, ids.companies, rng, now, log);
  await write("audit_log", s.auditLog, [
    {
      // No fixed id: the approvals seed above writes audit rows through the real commands.
      companyId: ids.companies,
      actorUserId: null,
      action: SEED_ACTION,
      entity: "company",
      entityId: String(ids.companies),
      before: null,
      after: {
        profile: key,
        seed,
        households: rows.households.length,
        units: rows.units.length,
        users: rows.users.length,
      },
      createdAt: now,
    },
  ]);

  return {
    companyId: ids.companies,
    companyName: profile.companyName,
    status: existing ? "rebuilt" : "created",
    counts: await countCompany(db, ids.companies),
    ms: performance.now() - started,
  };
}

function ms(value: number): string {
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`;
}
