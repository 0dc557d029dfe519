import type { Client } from "@libsql/client";

/**
 * Retrying database calls that failed for a passing reason (lib/db/write-queue.ts uses these).
 *
 * Embedded (`file:`): waiting for another process's write lock (several app processes, a CLI
 * job, a backup). The engine's own busy timeout blocks the event loop (its calls are
 * synchronous), so it is kept short (EMBEDDED_BUSY_TIMEOUT_MS) and the wait happens here: a
 * call that failed with SQLITE_BUSY wrote nothing and is retried after a growing pause until
 * the budget is spent. Before each retry the client drops its connections: a libSQL
 * connection whose statement failed busy is left unusable (every later COMMIT on it fails with
 * "SQL statements in progress" — measured: 35 s and more, until the process restarted).
 *
 * libSQL server: a restart, a dropped connection, HTTP 429/502/503. Reads are retried on any
 * of them; writes only when the server cannot have run them (connection refused, 429, 503).
 */
export interface RetryPolicy {
  budgetMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
  /** At most this many attempts (default: as many as the budget allows). */
  attempts?: number;
}

export const EMBEDDED_BUSY_RETRY: RetryPolicy = { budgetMs: 30_000, firstDelayMs: 20, maxDelayMs: 400 };
export const EMBEDDED_BUSY_TIMEOUT_MS = 50;
/** Long enough for a libSQL server restart. */
export const REMOTE_RETRY: RetryPolicy = { budgetMs: 20_000, firstDelayMs: 50, maxDelayMs: 1_000 };

function* chain(
  error: unknown,
): Generator<{ code: string; extendedCode: string; message: string; status: number | null }> {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e && typeof e === "object" && !seen.has(e)) {
    seen.add(e);
    const { code, extendedCode, message, status } = e as {
      code?: unknown;
      extendedCode?: unknown;
      message?: unknown;
      status?: unknown;
    };
    yield {
      code: String(code ?? ""),
      extendedCode: String(extendedCode ?? ""),
      message: String(message ?? ""),
      status: typeof status === "number" ? status : null,
    };
    e = (e as { cause?: unknown }).cause;
  }
}

/** True for SQLITE_BUSY (and its extended codes) anywhere in the error's cause chain. */
export function isBusyError(error: unknown): boolean {
  for (const e of chain(error)) {
    if (e.code.startsWith("SQLITE_BUSY") || e.extendedCode.startsWith("SQLITE_BUSY")) return true;
    if (/database is locked|SQLITE_BUSY/.test(e.message)) return true;
  }
  return false;
}

/**
 * A passing failure of a libSQL server: "not_sent" when the server cannot have run the request
 * (connection refused, HTTP 429/502/503), "unknown" when it may have (connection reset, a
 * transaction the server timed out, a broken WebSocket); null for anything else.
 */
export function transientKind(error: unknown): "not_sent" | "unknown" | null {
  let kind: "not_sent" | "unknown" | null = null;
  for (const e of chain(error)) {
    if (e.code === "ECONNREFUSED" || /ECONNREFUSED/.test(e.message)) return "not_sent";
    if (
      (e.status !== null && [429, 502, 503].includes(e.status)) ||
      /\b(429|502|503)\b.*(status|Too Many|Unavailable|Gateway)|Too Many Requests/i.test(e.message)
    )
      return "not_sent";
    if (
      /^(ECONNRESET|EPIPE|ETIMEDOUT|UND_ERR_SOCKET|UND_ERR_CLOSED|HRANA_WEBSOCKET_ERROR|TRANSACTION_TIMEOUT|STREAM_EXPIRED)$/.test(
        e.code,
      )
    )
      kind = "unknown";
    if (/ECONNRESET|socket hang up|other side closed|fetch failed|TRANSACTION_TIMEOUT|stream expired/i.test(e.message))
      kind = "unknown";
  }
  return kind;
}

/** A read that had borrowed an embedded connection when a busy retry dropped them all. */
export function isClosedInFlight(e: unknown): boolean {
  return (
    (e as { code?: unknown })?.code === "CLIENT_CLOSED" &&
    /in flight/.test(String((e as { message?: unknown }).message ?? ""))
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn`; while it fails with an error `shouldRetry` accepts, calls `beforeRetry`, waits (doubling) and runs it again within the policy. */
export async function retrying<T>(
  fn: () => Promise<T>,
  shouldRetry: (e: unknown) => boolean,
  beforeRetry: () => Promise<void>,
  policy: RetryPolicy,
): Promise<T> {
  const started = Date.now();
  let delay = policy.firstDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!shouldRetry(e)) throw e;
      await beforeRetry();
      if (Date.now() - started + delay > policy.budgetMs || attempt >= (policy.attempts ?? Infinity)) throw e;
      await sleep(delay);
      delay = Math.min(delay * 2, policy.maxDelayMs);
    }
  }
}

/** The embedded busy retry: drops the client's connections before each new attempt. */
export function retryBusy<T>(client: Client, fn: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  return retrying(fn, isBusyError, async () => void (await client.reconnect()), policy);
}
