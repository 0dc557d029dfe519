import {
  LibsqlError,
  type Client,
  type InArgs,
  type InStatement,
  type Replicated,
  type ResultSet,
  type Transaction,
  type TransactionMode,
} from "@libsql/client";
import { isReadOnlyStatement } from "../write-queue";
import { DbThread, resultFromSliced, type PlainResult, type ThreadConfig } from "./thread";

/**
 * An embedded (`file:`) libSQL database served from worker threads, behind the `Client`
 * interface drizzle uses. The engine's calls are synchronous; here they block a database
 * thread, never the event loop, which only posts messages and rebuilds result rows.
 *
 * - One writer thread runs every write, batch with a write, `executeMultiple`, `migrate` and
 *   every transaction (reads inside a transaction therefore see its own writes). The write
 *   queue and busy retries (write-queue.ts, retry.ts) wrap this client as they wrapped the
 *   in-thread one; `reconnect()` replaces the writer's connections.
 * - Up to `readers` reader threads run plain reads outside transactions, in parallel (WAL:
 *   readers never wait for the writer). One starts with the client, more when all are busy
 *   (see #readerThread). Read-your-writes holds: a write's
 *   answer arrives after its COMMIT, and each later read starts a new read snapshot.
 * - A thread that dies fails its requests in flight (WORKER_EXITED, its open transactions
 *   with them) and is replaced on the next call.
 */
export interface ThreadedOptions extends ThreadConfig {
  /** Reader threads at most (0: the writer serves reads too, as for `:memory:`). */
  readers: number;
}

type Stmt = InStatement | [string, InArgs?];

function normalize(stmtOrSql: InStatement | string, args?: InArgs): InStatement {
  return typeof stmtOrSql === "string" ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
}

function sqlOf(s: Stmt): InStatement {
  return Array.isArray(s) ? { sql: s[0], args: s[1] ?? [] } : s;
}

export class ThreadedClient implements Client {
  readonly protocol = "file";
  closed = false;
  readonly #opts: ThreadedOptions;
  #writer: DbThread | null = null;
  readonly #readers: DbThread[] = [];

  constructor(opts: ThreadedOptions) {
    this.#opts = opts;
    this.#writerThread(); // opens the database now, so a bad path fails on the first call
    if (opts.readers > 0) this.#readers.push(new DbThread({ ...opts, concurrency: 1 })); // ready by the first read
  }

  #check() {
    if (this.closed) throw new LibsqlError("The client is closed", "CLIENT_CLOSED");
  }

  #writerThread(): DbThread {
    if (!this.#writer || this.#writer.dead) this.#writer = new DbThread(this.#opts);
    return this.#writer;
  }

  /**
   * An idle ready reader; else the least busy ready one while one more starts (one at a time,
   * up to `readers`); the writer while none is ready yet (a starting thread would keep the read
   * waiting for its start, seconds on a loaded machine).
   */
  #readerThread(): DbThread {
    for (let i = this.#readers.length - 1; i >= 0; i--) if (this.#readers[i].dead) this.#readers.splice(i, 1);
    if (this.#opts.readers <= 0) return this.#writerThread();
    const ready = this.#readers.filter((t) => t.ready);
    const idle = ready.find((t) => t.load === 0);
    if (idle) return idle;
    if (this.#readers.length < this.#opts.readers && ready.length === this.#readers.length)
      this.#readers.push(new DbThread({ ...this.#opts, concurrency: 1 }));
    if (!ready.length) return this.#writerThread();
    return ready.reduce((a, b) => (b.load < a.load ? b : a));
  }

  async #call<T>(thread: DbThread, op: string, payload: Record<string, unknown>): Promise<T> {
    this.#check();
    return thread.request<T>(op, payload);
  }

  async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    this.#check();
    const stmt = normalize(stmtOrSql, args);
    const thread = isReadOnlyStatement(stmt) ? this.#readerThread() : this.#writerThread();
    return resultFromSliced(await this.#call<PlainResult>(thread, "execute", { stmt }));
  }

  async batch(stmts: Stmt[], mode?: TransactionMode): Promise<ResultSet[]> {
    this.#check();
    const plain = stmts.map(sqlOf);
    const reads = plain.length > 0 && plain.every(isReadOnlyStatement);
    const thread = reads ? this.#readerThread() : this.#writerThread();
    return Promise.all(
      (await this.#call<PlainResult[]>(thread, "batch", { stmts: plain, mode })).map(resultFromSliced),
    );
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    this.#check();
    return Promise.all(
      (await this.#call<PlainResult[]>(this.#writerThread(), "migrate", { stmts })).map(resultFromSliced),
    );
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#check();
    await this.#call(this.#writerThread(), "executeMultiple", { sql });
  }

  async transaction(mode?: TransactionMode): Promise<Transaction> {
    this.#check();
    const thread = this.#writerThread();
    const id = await this.#call<number>(thread, "begin", { mode });
    return new ThreadedTransaction(thread, id);
  }

  async sync(): Promise<Replicated> {
    throw new LibsqlError("sync() is for embedded replicas, which Guanjia does not use", "SYNC_NOT_SUPPORTED");
  }

  /** Replaces the writer's connections (after a busy failure) and every reader's. */
  async reconnect(): Promise<void> {
    this.#check();
    const threads = [this.#writer, ...this.#readers].filter((t): t is DbThread => !!t && !t.dead);
    await Promise.all(threads.map((t) => t.request("reconnect")));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of [this.#writer, ...this.#readers]) {
      if (t && !t.dead) void t.request("close").catch(() => {});
    }
    this.#writer = null;
    this.#readers.length = 0;
  }

  /** Each live thread's V8 heap in bytes, writer first (diagnostics: GET /api/bench). */
  async threadHeaps(): Promise<{ used: number; total: number }[]> {
    const threads = [this.#writer, ...this.#readers].filter((t): t is DbThread => !!t && !t.dead);
    return Promise.all(threads.map((t) => t.request<{ used: number; total: number }>("heap")));
  }

  /** The live threads (diagnostics, tests): the writer and the readers started so far. */
  threads(): { writer: DbThread | null; readers: readonly DbThread[] } {
    return { writer: this.#writer, readers: this.#readers };
  }
}

/** An interactive transaction held on the writer thread by number. */
class ThreadedTransaction implements Transaction {
  readonly #thread: DbThread;
  readonly #id: number;
  #settled = false;

  constructor(thread: DbThread, id: number) {
    this.#thread = thread;
    this.#id = id;
  }

  get closed(): boolean {
    return this.#settled || this.#thread.dead;
  }

  #req<T>(op: string, payload: Record<string, unknown> = {}): Promise<T> {
    if (this.closed) return Promise.reject(new LibsqlError("The transaction is closed", "TRANSACTION_CLOSED"));
    return this.#thread.request<T>(op, { tx: this.#id, ...payload });
  }

  async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    return resultFromSliced(await this.#req<PlainResult>("txExecute", { stmt: normalize(stmtOrSql, args) }));
  }

  async batch(stmts: Stmt[]): Promise<ResultSet[]> {
    return Promise.all((await this.#req<PlainResult[]>("txBatch", { stmts: stmts.map(sqlOf) })).map(resultFromSliced));
  }

  async executeMultiple(sql: string): Promise<void> {
    await this.#req("txExecuteMultiple", { sql });
  }

  async commit(): Promise<void> {
    try {
      await this.#req("commit");
    } finally {
      this.#settled = true;
    }
  }

  async rollback(): Promise<void> {
    if (this.closed) return;
    try {
      await this.#req("rollback");
    } finally {
      this.#settled = true;
    }
  }

  close(): void {
    if (this.#settled) return;
    this.#settled = true;
    if (!this.#thread.dead) void this.#thread.request("txClose", { tx: this.#id }).catch(() => {});
  }
}
