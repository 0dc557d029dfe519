import { randomUUID } from "node:crypto";
import { and, eq, lt, or } from "drizzle-orm";
import { cronLeases } from "@/db/schema";
import type { Db } from "@/lib/db/client";

/** A lease whose holder has not heartbeaten for this long is free: a crashed run is taken over within a minute. */
export const LEASE_STALE_MS = 30_000;
/** How often a running holder renews its lease. */
export const HEARTBEAT_MS = 5_000;

/**
 * The lease names this process is running right now. A second call for the same name in the
 * same process answers busy at once — without it, the second call waited on the event loop
 * (the embedded database runs synchronously) and only then found the database lease.
 */
const inProcess = ((globalThis as unknown as { __guanjiaLeases?: Set<string> }).__guanjiaLeases ??= new Set<string>());

export type Busy = { status: "busy"; heldBy: string; until: string };

/** Takes the lease `name` if it is free, expired or without a heartbeat for LEASE_STALE_MS. */
export async function acquireLease(db: Db, name: string, holder: string, now = new Date()): Promise<boolean> {
  const values = { holder, expiresAt: new Date(now.getTime() + LEASE_STALE_MS), acquiredAt: now, heartbeatAt: now };
  const res = await db
    .insert(cronLeases)
    .values({ name, ...values })
    .onConflictDoUpdate({ target: cronLeases.name, set: values, setWhere: staleAt(now) });
  return res.rowsAffected === 1;
}

function staleAt(now: Date) {
  return or(lt(cronLeases.expiresAt, now), lt(cronLeases.heartbeatAt, new Date(now.getTime() - LEASE_STALE_MS)));
}

/** The holder's heartbeat: false when the lease was taken over (the holder was presumed dead). */
export async function heartbeat(db: Db, name: string, holder: string, now = new Date()): Promise<boolean> {
  const res = await db
    .update(cronLeases)
    .set({ heartbeatAt: now, expiresAt: new Date(now.getTime() + LEASE_STALE_MS) })
    .where(and(eq(cronLeases.name, name), eq(cronLeases.holder, holder)));
  return res.rowsAffected === 1;
}

/** Releases a lease: this holder's, or (holder omitted: `npm run cron -- --release-lease`) whoever holds it. */
export async function releaseLease(db: Db, name: string, holder?: string): Promise<number> {
  const res = await db
    .delete(cronLeases)
    .where(and(eq(cronLeases.name, name), holder ? eq(cronLeases.holder, holder) : undefined));
  return res.rowsAffected;
}

/** The minute tick's stale-lease recovery: removes every lease whose holder stopped heartbeating. */
export async function recoverStaleLeases(db: Db, now = new Date()): Promise<{ recovered: number }> {
  const stale = await db.select({ name: cronLeases.name }).from(cronLeases).where(staleAt(now));
  if (!stale.length) return { recovered: 0 };
  const res = await db.delete(cronLeases).where(staleAt(now));
  return { recovered: res.rowsAffected };
}

export interface HeldLease {
  name: string;
  holder: string;
  /** True once another run took the lease over: stop after the current step. */
  readonly lost: boolean;
}

/**
 * Runs `fn` under the lease `name`: busy when this process already runs it or another holder
 * heartbeats; otherwise the lease is taken, renewed every HEARTBEAT_MS while `fn` runs, and
 * released at the end (also when `fn` throws).
 */
export async function withLease<T>(
  db: Db,
  name: string,
  fn: (lease: HeldLease) => Promise<T>,
  heartbeatMs = HEARTBEAT_MS,
): Promise<Busy | { status: "ran"; value: T }> {
  if (inProcess.has(name)) return { status: "busy", heldBy: "this process", until: "" };
  inProcess.add(name);
  try {
    const holder = randomUUID();
    if (!(await acquireLease(db, name, holder))) {
      const [l] = await db.select().from(cronLeases).where(eq(cronLeases.name, name));
      return { status: "busy", heldBy: l?.holder ?? "?", until: l?.expiresAt.toISOString() ?? "" };
    }
    const lease = { name, holder, lost: false };
    const timer = setInterval(() => {
      heartbeat(db, name, holder).then(
        (held) => void (held || (lease.lost = true)),
        (e) => console.error(`[cron] heartbeat of lease ${name} failed:`, e),
      );
    }, heartbeatMs);
    timer.unref?.();
    try {
      return { status: "ran", value: await fn(lease) };
    } finally {
      clearInterval(timer);
      await releaseLease(db, name, holder);
    }
  } finally {
    inProcess.delete(name);
  }
}
