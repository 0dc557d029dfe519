import type { Client, InStatement, InArgs, Transaction, TransactionMode } from "@libsql/client";
import { isBusyError, isClosedInFlight, retryBusy, retrying, transientKind, type RetryPolicy } from "./retry";

/**
 * One in-process queue for writes on embedded (`file:`) databases.
 *
 * An embedded libSQL database allows one writer at a time, and its native calls are
 * synchronous: a second writer either fails at once with SQLITE_BUSY or, with a busy
 * timeout, blocks the event loop while the first writer (an interactive transaction
 * waiting on an `await`) can never finish. So inside one process every write, batch and
 * interactive transaction takes its turn here. Plain reads bypass the queue (WAL lets
 * them run beside a writer). Other processes: WAL, and waiting for their lock with
 * retries (lib/db/retry.ts).
 */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();
  /** How long the lock was held: the longest hold (a write transaction, a batch, a statement) and the count. */
  readonly stats = { longestHoldMs: 0, holds: 0 };

  /** Resolves with a release function once every earlier holder has released. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = this.#tail.then(() => {
      const since = performance.now();
      return () => {
        this.stats.holds++;
        this.stats.longestHoldMs = Math.max(this.stats.longestHoldMs, performance.now() - since);
        release();
      };
    });
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

/** How the queue retries: busy locks of other processes (embedded), transient server failures (remote). */
export type QueueRetry = { kind: "busy"; policy: RetryPolicy } | { kind: "remote"; policy: RetryPolicy };

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
const queues = new WeakMap<Client, Mutex>();

/** The write-queue statistics of a client made by withWriteQueue (benches print the longest write). */
export function writeQueueStats(client: Client): Mutex["stats"] | null {
  return queues.get(client)?.stats ?? null;
}

/** Retries of a write that writes nothing when it fails this way: one statement, a batch, a BEGIN. */
function writeRetrier(client: Client, retry: QueueRetry | null) {
  return <T>(fn: () => Promise<T>): Promise<T> => {
    if (retry?.kind === "busy") return retryBusy(client, fn, retry.policy);
    if (retry?.kind === "remote")
      return retrying(
        fn,
        (e) => transientKind(e) === "not_sent",
        async () => {},
        retry.policy,
      );
    return fn();
  };
}

/** Retries of a read. */
function readRetrier(client: Client, retry: QueueRetry | null) {
  return <T>(fn: () => Promise<T>): Promise<T> => {
    // Embedded: a read that had borrowed a connection when a busy retry dropped them all runs again.
    if (retry?.kind === "busy")
      return retrying(
        fn,
        (e) => isClosedInFlight(e) && !client.closed,
        async () => {},
        { budgetMs: 0, firstDelayMs: 0, maxDelayMs: 0, attempts: 2 },
      );
    // Server: reads are idempotent, so any transient failure (refused, reset, 429, restart) is retried.
    if (retry?.kind === "remote")
      return retrying(
        fn,
        (e) => transientKind(e) !== null,
        async () => {},
        retry.policy,
      );
    return fn();
  };
}

export function withWriteQueue(client: Client, mutex = new Mutex(), retry: QueueRetry | null = null): Client {
  const queued = <T>(fn: () => Promise<T>) => mutex.run(fn);
  const busy = retry?.kind === "busy" ? retry.policy : null;
  const remote = retry?.kind === "remote" ? retry.policy : null;
  const writeRetry = writeRetrier(client, retry);
  const retried = <T>(fn: () => Promise<T>) => mutex.run(() => writeRetry(fn));
  const read = readRetrier(client, retry);

  const proxy = new Proxy(client, {
    get(target, prop, receiver) {
      switch (prop) {
        case "execute":
          return (stmtOrSql: InStatement | string, args?: InArgs) => {
            const call = () =>
              args === undefined ? target.execute(stmtOrSql as InStatement) : target.execute(stmtOrSql as string, args);
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
              // A server's transaction starts lazily with its first statement: open it with one, so a
              // refused connection (the server restarting) is retried here, before any work is done.
              tx = await writeRetry(async () => {
                const t = await target.transaction(mode);
                if (!remote) return t;
                try {
                  await t.execute("select 1");
                  return t;
                } catch (e) {
                  t.close();
                  throw e;
                }
              });
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
  queues.set(proxy, mutex);
  return proxy;
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
