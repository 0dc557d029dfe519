import { LibsqlBatchError, LibsqlError, type ResultSet, type Row, type Value } from "@libsql/client";
import fs from "node:fs";
import path from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import { Worker } from "node:worker_threads";
import { liveEnv } from "../../env";

/**
 * One database thread seen from the event loop: a `worker_threads` Worker running
 * db-thread.mjs, with request/answer bookkeeping. When the thread dies (a crash, an
 * out-of-memory abort), every request in flight fails with WORKER_EXITED and `dead` turns
 * true; the owner (client.ts) starts a new thread for the next call.
 */
export interface ThreadConfig {
  url: string;
  authToken?: string;
  timeout?: number;
  intMode?: "number" | "bigint" | "string";
  concurrency?: number;
  /** Log each statement that takes this many ms or more (DATABASE_SLOW_MS); unset: no log. */
  slowMs?: number;
  /** Each connection's page cache in MiB (DATABASE_CACHE_MB); unset: SQLite's default (2 MiB). */
  cacheMb?: number;
}

interface PlainResult {
  columns: string[];
  columnTypes: string[];
  rows: Value[][];
  rowsAffected: number;
  lastInsertRowid: bigint | undefined;
}

interface PlainError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  extendedCode?: string;
  rawCode?: number;
  statementIndex?: number;
  cause?: { name: string; message: string; code?: string } | null;
}

type Answer =
  | { id: number; ok: true; value: unknown; slow?: undefined }
  | { id: number; ok: false; error: PlainError; slow?: undefined }
  | { ready: true; id?: undefined; slow?: undefined }
  | { slow: { ms: number; sql: string }; id?: undefined };

/** The thread script: a plain .mjs beside this file in the source tree (bundlers never see it). */
export function threadScriptPath(): string {
  // Built from parts at run time on purpose: a path the bundler can read (path.resolve of a
  // literal or of process.env) makes Turbopack trace and try to bundle the whole project.
  const configured = liveEnv("GUANJIA_DB_THREAD_SCRIPT");
  const file = configured
    ? path.resolve(/* turbopackIgnore: true */ configured)
    : [process.cwd(), "lib", "db", "threads", "db-thread.mjs"].join(path.sep);
  if (!fs.existsSync(file))
    throw new Error(`the database thread script is missing at ${file}: run the app from the project directory`);
  return file;
}

export class DbThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  #next = 1;
  dead = false;
  /** The thread has opened the database (until then requests wait in its queue). */
  ready = false;

  constructor(config: ThreadConfig) {
    this.#worker = new Worker(threadScriptPath(), { workerData: config, name: "guanjia-db" });
    this.#worker.unref();
    this.#worker.on("message", (a: Answer) => this.#answer(a));
    this.#worker.on("error", (e) => this.#die(e));
    this.#worker.on("exit", (code) => this.#die(new Error(`exit code ${code}`)));
  }

  /** Requests in flight (the reader pool sends a read to the least busy thread). */
  get load(): number {
    return this.#pending.size;
  }

  get threadId(): number {
    return this.#worker.threadId;
  }

  request<T>(op: string, payload: Record<string, unknown> = {}): Promise<T> {
    if (this.dead) return Promise.reject(threadExited("the database thread has exited"));
    const id = this.#next++;
    // A thread with work in flight keeps the process alive; an idle one does not (scripts end by themselves).
    if (this.#pending.size === 0) this.#worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#worker.postMessage({ id, op, ...payload });
    });
  }

  /** Ends the thread at once (what a crash does; tests and shutdown use it). */
  terminate(): Promise<number> {
    return this.#worker.terminate();
  }

  #answer(a: Answer) {
    if (a.slow) {
      console.warn(`[db slow] ${a.slow.ms.toFixed(1)} ms ${a.slow.sql}`);
      return;
    }
    if (a.id === undefined) {
      this.ready = true;
      return;
    }
    const p = this.#pending.get(a.id);
    if (!p) return;
    this.#pending.delete(a.id);
    if (this.#pending.size === 0) this.#worker.unref();
    if (a.ok) p.resolve(a.value);
    else p.reject(errorFrom(a.error));
  }

  #die(reason: Error) {
    if (this.dead) return;
    this.dead = true;
    const e = threadExited(`the database thread exited (${reason.message})`);
    for (const p of this.#pending.values()) p.reject(e);
    this.#pending.clear();
  }
}

function threadExited(message: string): LibsqlError {
  return new LibsqlError(message, "WORKER_EXITED");
}

/** Rebuilds the error the thread's libSQL client threw (LibsqlError/LibsqlBatchError with their codes). */
export function errorFrom(p: PlainError): Error {
  const cause = p.cause
    ? Object.assign(new Error(p.cause.message), { name: p.cause.name, code: p.cause.code })
    : undefined;
  const bare = p.code && p.message.startsWith(`${p.code}: `) ? p.message.slice(p.code.length + 2) : p.message;
  let e: Error;
  if (p.statementIndex !== undefined)
    e = new LibsqlBatchError(bare, p.statementIndex, p.code ?? "UNKNOWN", p.extendedCode, p.rawCode, cause);
  else if (p.code) e = new LibsqlError(bare, p.code, p.extendedCode, p.rawCode, cause);
  else e = Object.assign(new Error(p.message, { cause }), { name: p.name });
  if (p.stack)
    e.stack = `${e.stack?.split("\n")[0]}\n    [database thread]\n${p.stack.split("\n").slice(1).join("\n")}`;
  return e;
}

/** A libSQL Row: array-like (non-enumerable indexes and length) with enumerable named columns. */
function rowOf(values: Value[], columns: string[]): Row {
  const row = {} as Row;
  Object.defineProperty(row, "length", { value: values.length });
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    Object.defineProperty(row, i, { value });
    const column = columns[i];
    if (!Object.hasOwn(row, column))
      Object.defineProperty(row, column, { value, enumerable: true, configurable: true, writable: true });
  }
  return row;
}

function jsonValue(v: Value): unknown {
  if (typeof v === "bigint") return String(v);
  if (v instanceof ArrayBuffer) return Buffer.from(v).toString("base64");
  return v;
}

/** The result set exactly as the embedded client builds it (same fields, same toJSON). */
export function resultFrom(p: PlainResult): ResultSet {
  return resultSet(
    p,
    p.rows.map((values) => rowOf(values, p.columns)),
  );
}

/** Rows rebuilt per turn of the event loop (a few milliseconds of work). */
const ROWS_PER_TURN = 2000;

/**
 * resultFrom for answers of any size: a big read (a job's 50,000 households) is rebuilt a few
 * thousand rows per turn of the event loop, so requests are served in between.
 */
export async function resultFromSliced(p: PlainResult): Promise<ResultSet> {
  if (p.rows.length <= ROWS_PER_TURN) return resultFrom(p);
  const rows: Row[] = new Array<Row>(p.rows.length);
  for (let i = 0; i < p.rows.length; i++) {
    rows[i] = rowOf(p.rows[i], p.columns);
    if ((i + 1) % ROWS_PER_TURN === 0) await nextTurn();
  }
  return resultSet(p, rows);
}

function resultSet(p: PlainResult, rows: Row[]): ResultSet {
  return {
    columns: p.columns,
    columnTypes: p.columnTypes,
    rows,
    rowsAffected: p.rowsAffected,
    lastInsertRowid: p.lastInsertRowid,
    toJSON() {
      return {
        columns: p.columns,
        columnTypes: p.columnTypes,
        rows: rows.map((r) => Array.prototype.map.call(r, jsonValue)),
        rowsAffected: p.rowsAffected,
        lastInsertRowid: p.lastInsertRowid !== undefined ? String(p.lastInsertRowid) : null,
      };
    },
  };
}

export type { PlainResult };
