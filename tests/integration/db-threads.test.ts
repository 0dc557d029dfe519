import { createClient, LibsqlError, type Client, type ResultSet } from "@libsql/client";
import { eq } from "drizzle-orm";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { communities } from "@/db/schema";
import { openDb } from "@/lib/db/client";
import { ThreadedClient } from "@/lib/db/threads/client";
import { threadSettings } from "@/lib/db/threads/config";
import { closeClients, removeDbFolder } from "../support/close-clients";
import { createTestCompany, createTestDb } from "../support/test-db";

/**
 * The embedded database in worker threads (lib/db/threads): results exactly as the in-thread
 * client gives them, transactions on the writer thread, reads on reader threads beside a
 * write transaction, read-your-writes, and a dead thread replaced on the next call.
 * (Independent of TEST_DB_MODE: these always use a temp `file:` database.)
 */
const opened: Client[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await closeClients(opened.splice(0));
  while (dirs.length) removeDbFolder(dirs.pop()!);
});

function tempUrl(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guanjia-threads-"));
  dirs.push(dir);
  return `file:${path.join(dir, "t.db")}`;
}

function threaded(url: string, readers = 2, intMode?: "bigint"): ThreadedClient {
  const c = new ThreadedClient({ url, readers, intMode, timeout: 50 });
  opened.push(c);
  return c;
}

function inline(url: string, intMode?: "bigint"): Client {
  const c = createClient({ url, intMode });
  opened.push(c);
  return c;
}

/** Everything drizzle and callers can see of a result set. */
function shape(rs: ResultSet) {
  return {
    columns: rs.columns,
    columnTypes: rs.columnTypes,
    rowsAffected: rs.rowsAffected,
    lastInsertRowid: rs.lastInsertRowid,
    rows: rs.rows.map((r) => ({
      length: r.length,
      byIndex: Array.from({ length: r.length }, (_, i) => r[i]),
      keys: Object.keys(r),
      named: { ...r },
    })),
    json: JSON.stringify(rs),
  };
}

const SETUP = [
  "CREATE TABLE t (id INTEGER PRIMARY KEY, big INTEGER, real REAL, txt TEXT, bin BLOB, nada TEXT)",
  "CREATE TABLE u (k TEXT PRIMARY KEY)",
];
const BIG = 9_007_199_254_740_993n; // above Number.MAX_SAFE_INTEGER

describe("the threaded embedded client", () => {
  it("is what openDb gives for file: URLs (unless DATABASE_THREADS=off)", async () => {
    expect(threadSettings({})).toMatchObject({ threads: true });
    expect(threadSettings({ DATABASE_THREADS: "off", DATABASE_READERS: "3" })).toEqual({
      threads: false,
      readers: 3,
      cacheMb: 16,
    });
    expect(() => threadSettings({ DATABASE_READERS: "many" })).toThrow(/DATABASE_READERS/);
    const handle = openDb(tempUrl());
    opened.push(handle.client);
    const threads = (handle.client as unknown as ThreadedClient).threads();
    expect(threads.writer?.threadId).toBeGreaterThan(0);
    expect((await handle.client.execute("select 41 + 1 as n")).rows[0].n).toBe(42);
  });

  it("returns rows, types, bigint and blob values exactly as the in-thread client", async () => {
    const url = tempUrl();
    const a = threaded(url, 2, "bigint");
    const b = inline(url, "bigint");
    await a.batch(SETUP, "write");
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const ins = {
      sql: "INSERT INTO t (big, real, txt, bin, nada) VALUES (?, ?, ?, ?, NULL)",
      args: [BIG, 1.5, "管家", bytes.buffer],
    };
    const [w1, w2] = [await a.execute(ins), await b.execute(ins)];
    expect([w1.lastInsertRowid, w2.lastInsertRowid]).toEqual([1n, 2n]);
    expect(JSON.stringify(w1)).toBe(JSON.stringify(w2).replace('"2"', '"1"'));
    expect(shape(w1)).toEqual({ ...shape(w2), lastInsertRowid: 1n, json: JSON.stringify(w1) });
    for (const sql of [
      "SELECT id, big, real, txt, bin, nada, txt AS txt FROM t ORDER BY id",
      "SELECT count(*) AS n FROM t",
    ]) {
      const [x, y] = [await a.execute(sql), await b.execute(sql)];
      expect(shape(x)).toEqual(shape(y));
    }
    const row = (await a.execute("SELECT big, bin FROM t WHERE id = 1")).rows[0];
    expect(row.big).toBe(BIG);
    expect(row.bin).toBeInstanceOf(ArrayBuffer);
    expect(new Uint8Array(row.bin as ArrayBuffer)).toEqual(bytes);
    const [bx, by] = [
      await a.batch(["SELECT 1 AS one", ["SELECT ? AS p", [BIG]]], "read"),
      await b.batch(["SELECT 1 AS one", ["SELECT ? AS p", [BIG]]], "read"),
    ];
    expect(bx.map(shape)).toEqual(by.map(shape));
  });

  it("commits and rolls back transactions, and keeps an error's codes", async () => {
    const c = threaded(tempUrl());
    await c.batch(SETUP, "write");
    const tx = await c.transaction("write");
    await tx.execute({ sql: "INSERT INTO u VALUES (?)", args: ["a"] });
    expect((await tx.execute("SELECT count(*) AS n FROM u")).rows[0].n).toBe(1); // its own write
    await tx.commit();
    expect(tx.closed).toBe(true);

    const tx2 = await c.transaction("write");
    await tx2.execute({ sql: "INSERT INTO u VALUES (?)", args: ["b"] });
    const err = await tx2.execute({ sql: "INSERT INTO u VALUES (?)", args: ["a"] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibsqlError);
    expect(err).toMatchObject({ code: "SQLITE_CONSTRAINT", extendedCode: "SQLITE_CONSTRAINT_PRIMARYKEY" });
    expect(String((err as Error).message)).toMatch(/UNIQUE constraint failed: u.k/);
    await tx2.rollback();
    expect((await c.execute("SELECT k FROM u ORDER BY k")).rows.map((r) => r.k)).toEqual(["a"]);

    const batchErr = await c
      .batch(["INSERT INTO u VALUES ('c')", "INSERT INTO u VALUES ('a')"], "write")
      .catch((e: unknown) => e);
    expect(batchErr).toMatchObject({ name: "LibsqlBatchError", statementIndex: 1, code: "SQLITE_CONSTRAINT" });
    expect((await c.execute("SELECT count(*) AS n FROM u")).rows[0].n).toBe(1);
  });

  it("through drizzle: a failing transaction leaves nothing, a read after a commit sees it", async () => {
    const { db } = await createTestDb();
    const companyId = await createTestCompany(db);
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(communities).values({ companyId, name: "rolled back" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    for (let i = 0; i < 20; i++) {
      await db.transaction((tx) => tx.insert(communities).values({ companyId, name: `c${i}` }));
      const seen = await db.select().from(communities).where(eq(communities.companyId, companyId));
      expect(seen.map((r) => r.name)).toContain(`c${i}`);
      expect(seen.map((r) => r.name)).not.toContain("rolled back");
    }
  });

  it("serves reads on reader threads while a write transaction is open", async () => {
    const c = threaded(tempUrl(), 2);
    await c.batch(SETUP, "write");
    await c.execute("INSERT INTO u VALUES ('before')");
    const tx = await c.transaction("write");
    await tx.execute("INSERT INTO u VALUES ('uncommitted')");
    const reads = await Promise.all(Array.from({ length: 20 }, () => c.execute("SELECT k FROM u ORDER BY k")));
    for (const r of reads) expect(r.rows.map((x) => x.k)).toEqual(["before"]);
    expect(c.threads().readers.length).toBeGreaterThanOrEqual(1);
    expect(c.threads().readers.length).toBeLessThanOrEqual(2);
    await tx.commit();
    expect((await c.execute("SELECT k FROM u ORDER BY k")).rows.map((x) => x.k)).toEqual(["before", "uncommitted"]);
  });

  it("keeps the event loop free during a long query", async () => {
    const c = threaded(tempUrl(), 1);
    const slow = c.execute(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) SELECT sum(i) AS s FROM n",
    );
    let slowDone = false;
    void slow.then(() => (slowDone = true));
    // Timers fire while the query runs on its thread (in-thread, they would wait for it).
    let ticks = 0;
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        ticks++;
        if (slowDone || ticks >= 3) {
          clearInterval(t);
          resolve();
        }
      }, 1);
    });
    expect(slowDone).toBe(false);
    expect((await slow).rows[0].s).toBe(4_500_001_500_000);
  });

  // The thread is stopped between statements: terminating a worker while the native engine is
  // inside a statement can take the whole process down (seen once as a crashed test worker).
  it("replaces a thread that died; its open transaction is closed, the next call works", async () => {
    const c = threaded(tempUrl(), 1);
    await c.batch(SETUP, "write");
    const writer = c.threads().writer!;
    const tx = await c.transaction("write");
    await tx.execute("INSERT INTO u VALUES ('lost')");
    await writer.terminate();
    await expect(tx.execute("SELECT 1")).rejects.toMatchObject({ code: "TRANSACTION_CLOSED" });
    await c.execute("INSERT INTO u VALUES ('after')");
    expect(c.threads().writer).not.toBe(writer);
    expect((await c.execute("SELECT k FROM u ORDER BY k")).rows.map((x) => x.k)).toEqual(["after"]);

    const reader = c.threads().readers[0];
    await reader.terminate();
    expect((await c.execute("SELECT count(*) AS n FROM u")).rows[0].n).toBe(1);
    expect(c.threads().readers).not.toContain(reader);
  });

  it("fails every call after close()", async () => {
    const c = threaded(tempUrl());
    c.close();
    expect(c.closed).toBe(true);
    await expect(c.execute("SELECT 1")).rejects.toMatchObject({ code: "CLIENT_CLOSED" });
  });

  it("gives every connection of its threads DATABASE_CACHE_MB of page cache: reads, writes, transactions", async () => {
    expect(threadSettings({ DATABASE_CACHE_MB: "64" }).cacheMb).toBe(64);
    expect(() => threadSettings({ DATABASE_CACHE_MB: "lots" })).toThrow(/DATABASE_CACHE_MB/);
    const url = tempUrl();
    const c = new ThreadedClient({ url, readers: 1, cacheMb: 24 });
    opened.push(c);
    const kib = async (run: Promise<ResultSet>) => Number((await run).rows[0].cache_size);
    expect(await kib(c.execute("PRAGMA cache_size"))).toBe(-24 * 1024); // a reader thread
    const [inBatch] = await c.batch(["PRAGMA cache_size"], "write"); // the writer thread
    expect(Number(inBatch.rows[0].cache_size)).toBe(-24 * 1024);
    const tx = await c.transaction("write");
    expect(await kib(tx.execute("PRAGMA cache_size"))).toBe(-24 * 1024);
    await tx.commit();
    // Without the setting: SQLite's default, and another client in this process is untouched.
    expect(await kib(threaded(url, 1).execute("PRAGMA cache_size"))).toBe(-2000);
    expect(await kib(inline(url).execute("PRAGMA cache_size"))).toBe(-2000);
  });

  it("logs statements slower than DATABASE_SLOW_MS with their SQL, never their values", async () => {
    expect(threadSettings({ DATABASE_SLOW_MS: "40" }).slowMs).toBe(40);
    expect(threadSettings({}).slowMs).toBeUndefined();
    expect(() => threadSettings({ DATABASE_SLOW_MS: "soon" })).toThrow(/DATABASE_SLOW_MS/);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const url = tempUrl();
      const slow = new ThreadedClient({ url, readers: 1, slowMs: 1 });
      opened.push(slow);
      const long =
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000) SELECT count(*), ? FROM c";
      await slow.execute({ sql: long, args: ["secret-value-1"] });
      await vi.waitFor(() => expect(warn).toHaveBeenCalled());
      const [line] = warn.mock.calls.map((c) => String(c[0])).filter((l) => l.startsWith("[db slow]"));
      expect(line).toMatch(/^\[db slow\] \d+\.\d ms WITH RECURSIVE c\(x\)/);
      expect(line).not.toContain("secret-value-1");
      // Without the setting nothing is logged, however slow.
      warn.mockClear();
      const quiet = threaded(url, 1);
      await quiet.execute({ sql: long, args: ["x"] });
      await new Promise((r) => setTimeout(r, 50));
      expect(warn.mock.calls.filter((c) => String(c[0]).startsWith("[db slow]"))).toHaveLength(0);
    } finally {
      warn.mockRestore();
    }
  });
});
