import type { Client, InStatement, InArgs, Transaction, TransactionMode } from "@libsql/client";

/**
 * One in-process queue for writes on embedded (`file:`) databases.
 *
 * An embedded libSQL database allows one writer at a time, and its native calls are
 * synchronous: a second writer either fails at once with SQLITE_BUSY or, with a busy
 * timeout, blocks the event loop while the first writer (an interactive transaction
 * waiting on an `await`) can never finish. So inside one process every write, batch and
 * interactive transaction takes its turn here. Plain reads bypass the queue (WAL lets
 * them run beside a writer). Other processes: WAL, and waiting for their lock with
 * retries (see BusyRetry below).
 */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves with a release function once every earlier holder has released. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

/**
 * Waiting for another process's write lock on a `file:` database (several app processes, a
 * CLI job, a backup). The engine's own busy timeout blocks the event loop (its calls are
 * synchronous), so it is kept short (EMBEDDED_BUSY_TIMEOUT_MS) and the wait happens here:
 * a call that failed with SQLITE_BUSY wrote nothing and is retried after a growing pause,
 * until `budgetMs` has passed. Before each retry the client drops its connections: a
 * libSQL connection whose statement failed busy is left unusable (every later COMMIT on it
 * fails with "SQL statements in progress" — measured: 35 s and more until the process restarted).
 */
export interface BusyRetry {
  budgetMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export const EMBEDDED_BUSY_RETRY: BusyRetry = { budgetMs: 30_000, firstDelayMs: 20, maxDelayMs: 400 };
export const EMBEDDED_BUSY_TIMEOUT_MS = 50;

/** True for SQLITE_BUSY (and its extended codes) anywhere in the error's cause chain. */
export function isBusyError(error: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e && typeof e === "object" && !seen.has(e)) {
    seen.add(e);
    const { code, extendedCode, message } = e as { code?: unknown; extendedCode?: unknown; message?: unknown };
    if (String(code ?? "").startsWith("SQLITE_BUSY") || String(extendedCode ?? "").startsWith("SQLITE_BUSY")) return true;
    if (/database is locked|SQLITE_BUSY/.test(String(message ?? ""))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

function isClosedInFlight(e: unknown): boolean {
  return (e as { code?: unknown })?.code === "CLIENT_CLOSED" && /in flight/.test(String((e as { message?: unknown }).message ?? ""));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn`; on SQLITE_BUSY drops the client's connections, waits and runs it again within the budget. */
export async function retryBusy<T>(client: Client, fn: () => Promise<T>, policy: BusyRetry): Promise<T> {
  const started = Date.now();
  let delay = policy.firstDelayMs;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (!isBusyError(e)) throw e;
      await client.reconnect();
      if (Date.now() - started + delay > policy.budgetMs) throw e;
      await sleep(delay);
      delay = Math.min(delay * 2, policy.maxDelayMs);
    }
  }
}

const READ_ONLY = /^\s*(?:--[^\n]*\n\s*)*(select|with|explain)\b/i;

function sqlOf(stmt: InStatement | string): string {
  return typeof stmt === "string" ? stmt : stmt.sql;
}

/** A read that can run beside a writer. `WITH … INSERT` is treated as a write (rare; safe either way). */
export function isReadOnlyStatement(stmt: InStatement | string): boolean {
  const sql = sqlOf(stmt);
  return READ_ONLY.test(sql) && !/\b(insert|update|delete|replace)\b/i.test(sql);
}

/** Wraps a libSQL client so that writes and transactions are serialized through `mutex`. */
export function withWriteQueue(client: Client, mutex = new Mutex(), busy: BusyRetry | null = null): Client {
  // `retried` only for calls that write nothing when they fail busy: one statement, a batch, a BEGIN.
  const queued = <T>(fn: () => Promise<T>) => mutex.run(fn);
  const retried = <T>(fn: () => Promise<T>) => mutex.run(() => (busy ? retryBusy(client, fn, busy) : fn()));
  // A read that had borrowed a connection when a retry dropped them all runs again, once.
  const read = <T>(fn: () => Promise<T>) => (busy ? fn().catch((e: unknown) => (isClosedInFlight(e) && !client.closed ? fn() : Promise.reject(e))) : fn());

  return new Proxy(client, {
    get(target, prop, receiver) {
      switch (prop) {
        case "execute":
          return (stmtOrSql: InStatement | string, args?: InArgs) => {
            const call = () =>
              args === undefined
                ? target.execute(stmtOrSql as InStatement)
                : target.execute(stmtOrSql as string, args);
            return isReadOnlyStatement(stmtOrSql) ? read(call) : retried(call);
          };
        case "batch":
          return (stmts: InStatement[], mode?: TransactionMode) => {
            const call = () => target.batch(stmts, mode);
            return stmts.every(isReadOnlyStatement) ? read(call) : retried(call);
          };
        case "executeMultiple":
          return (sql: string) => queued(() => target.executeMultiple(sql));
        case "migrate":
          return (stmts: InStatement[]) => queued(() => target.migrate(stmts));
        case "transaction":
          return async (mode?: TransactionMode): Promise<Transaction> => {
            if (mode === "read") return target.transaction(mode);
            const release = await mutex.acquire();
            let tx: Transaction;
            try {
              tx = await (busy ? retryBusy(target, () => target.transaction(mode), busy) : target.transaction(mode));
            } catch (e) {
              release();
              throw e;
            }
            return holdUntilSettled(tx, release, busy ? target : null);
          };
        default: {
          const value = Reflect.get(target, prop, receiver);
          return typeof value === "function" ? value.bind(target) : value;
        }
      }
    },
  });
}

/**
 * Keeps the queue held until the transaction commits, rolls back or closes. With `resettable`,
 * a busy error inside the transaction drops the client's connections before the queue moves on.
 */
function holdUntilSettled(tx: Transaction, release: () => void, resettable: Client | null): Transaction {
  let released = false;
  let sawBusy = false;
  const done = () => {
    if (!released) {
      released = true;
      if (sawBusy && resettable) void resettable.reconnect();
      release();
    }
  };
  const watch = <T>(p: Promise<T>): Promise<T> =>
    p.catch((e: unknown) => {
      if (isBusyError(e)) sawBusy = true;
      throw e;
    });
  return new Proxy(tx, {
    get(target, prop, receiver) {
      if (prop === "commit" || prop === "rollback") {
        return async () => {
          try {
            await target[prop]();
          } finally {
            done();
          }
        };
      }
      if (prop === "execute" || prop === "batch" || prop === "executeMultiple") {
        const fn = Reflect.get(target, prop, receiver) as (...args: unknown[]) => Promise<unknown>;
        return (...args: unknown[]) => watch(fn.apply(target, args));
      }
      if (prop === "close") {
        return () => {
          try {
            target.close();
          } finally {
            done();
          }
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
