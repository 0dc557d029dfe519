// One database thread (lib/db/threads/client.ts starts it with `new Worker(path)`).
//
// Plain JavaScript loaded by path, so the same file runs under `next start`, `tsx` and vitest
// without a bundler. It owns an embedded `@libsql/client` whose native calls are synchronous:
// they block this thread, never the server's event loop. Requests arrive one message at a time
// ({ id, op, ... }); each answer is { id, ok, value } or { id, ok: false, error }.
import { createClient } from "@libsql/client";
import Database from "libsql";
import { getHeapStatistics } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";

const { url, authToken, timeout, intMode, concurrency, slowMs, cacheMb } = workerData;

// Each connection's page cache (DATABASE_CACHE_MB, threads/config.ts). The client opens its
// connections itself (a pool; a transaction takes one, a reconnect opens new ones) and has no
// hook for a per-connection PRAGMA, so a connection sets it before its first statement. Only
// this thread's connections are affected: the patch lives in this worker's module instance.
if (cacheMb) {
  const tuned = new WeakSet();
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function (sql) {
    if (!tuned.has(this)) {
      tuned.add(this);
      this.exec(`PRAGMA cache_size = -${Number(cacheMb) * 1024}`);
    }
    return prepare.call(this, sql);
  };
}
let client = createClient({ url, authToken, timeout, intMode, concurrency });
parentPort.postMessage({ ready: true }); // the database is open: send reads here
/** Open interactive transactions by number. */
const txs = new Map();
let nextTx = 1;

/** A libSQL result set as plain data: rows as arrays (Row objects lose their shape in a message). */
function plain(rs) {
  const rows = new Array(rs.rows.length);
  for (let i = 0; i < rows.length; i++) rows[i] = Array.prototype.slice.call(rs.rows[i]);
  return {
    columns: rs.columns,
    columnTypes: rs.columnTypes,
    rows,
    rowsAffected: rs.rowsAffected,
    lastInsertRowid: rs.lastInsertRowid,
  };
}

/** An error as plain data, with the fields callers test (code, extendedCode, rawCode, the cause's message). */
function plainError(e) {
  if (!(e instanceof Error)) return { name: "Error", message: String(e) };
  const { code, extendedCode, rawCode, statementIndex } = e;
  const cause = e.cause instanceof Error ? { name: e.cause.name, message: e.cause.message, code: e.cause.code } : null;
  return { name: e.name, message: e.message, stack: e.stack, code, extendedCode, rawCode, statementIndex, cause };
}

function tx(id) {
  const t = txs.get(id);
  if (!t) {
    const e = new Error("The transaction is closed");
    e.code = "TRANSACTION_CLOSED";
    throw e;
  }
  return t;
}

function settle(id, fn) {
  const t = tx(id);
  txs.delete(id);
  return fn(t);
}

/**
 * The slow-query log (DATABASE_SLOW_MS, threads/config.ts): each statement or batch that ran
 * `slowMs` or longer is reported to the owning thread with its time and SQL (never its values).
 */
function sqlOf(stmt) {
  return typeof stmt === "string" ? stmt : (stmt?.sql ?? "");
}
function timed(what, run) {
  if (!slowMs) return run();
  const start = performance.now();
  return run().then((value) => {
    const ms = performance.now() - start;
    if (ms >= slowMs) parentPort.postMessage({ slow: { ms, sql: what().replace(/\s+/g, " ").slice(0, 2000) } });
    return value;
  });
}

const ops = {
  execute: (m) =>
    timed(
      () => sqlOf(m.stmt),
      () => client.execute(m.stmt),
    ).then(plain),
  batch: (m) =>
    timed(
      () => `batch of ${m.stmts.length}: ${m.stmts.map(sqlOf).join(" ; ")}`,
      () => client.batch(m.stmts, m.mode),
    ).then((all) => all.map(plain)),
  executeMultiple: (m) => client.executeMultiple(m.sql),
  migrate: (m) => client.migrate(m.stmts).then((all) => all.map(plain)),
  begin: async (m) => {
    const id = nextTx++;
    txs.set(id, await client.transaction(m.mode));
    return id;
  },
  txExecute: (m) =>
    timed(
      () => sqlOf(m.stmt),
      () => tx(m.tx).execute(m.stmt),
    ).then(plain),
  txBatch: (m) =>
    tx(m.tx)
      .batch(m.stmts)
      .then((all) => all.map(plain)),
  txExecuteMultiple: (m) => tx(m.tx).executeMultiple(m.sql),
  commit: (m) => settle(m.tx, (t) => t.commit()),
  rollback: (m) => settle(m.tx, (t) => t.rollback()),
  txClose: async (m) => {
    const t = txs.get(m.tx);
    txs.delete(m.tx);
    t?.close();
  },
  reconnect: async () => {
    // Open transactions lose their connection with it: close them first (rolls them back).
    for (const t of txs.values()) t.close();
    txs.clear();
    await client.reconnect();
  },
  close: async () => {
    for (const t of txs.values()) t.close();
    txs.clear();
    client.close();
  },
  // Diagnostics and tests: how many transactions this thread holds open.
  openTransactions: async () => txs.size,
  // Diagnostics (GET /api/bench): this thread's V8 heap, in bytes.
  heap: async () => {
    const h = getHeapStatistics();
    return { used: h.used_heap_size, total: h.total_heap_size };
  },
};

parentPort.on("message", async (m) => {
  try {
    const op = ops[m.op];
    if (!op) throw new Error(`unknown database thread operation ${m.op}`);
    parentPort.postMessage({ id: m.id, ok: true, value: await op(m) });
  } catch (e) {
    parentPort.postMessage({ id: m.id, ok: false, error: plainError(e) });
  }
  if (m.op === "close") {
    parentPort.close();
    client = null;
  }
});
