import { describe, expect, it } from "vitest";
import { isReadOnlyStatement, Mutex } from "@/lib/db/write-queue";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("Mutex", () => {
  it("grants the lock in the order it was asked for, one holder at a time", async () => {
    const mutex = new Mutex();
    const events: string[] = [];
    let holders = 0;
    await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        mutex.run(async () => {
          holders++;
          expect(holders).toBe(1);
          events.push(`start ${i}`);
          await tick();
          events.push(`end ${i}`);
          holders--;
        }),
      ),
    );
    expect(events).toEqual([0, 1, 2, 3, 4].flatMap((i) => [`start ${i}`, `end ${i}`]));
  });

  it("makes a later acquire wait until the earlier holder releases", async () => {
    const mutex = new Mutex();
    const release = await mutex.acquire();
    let second = false;
    const next = mutex.acquire().then((r) => {
      second = true;
      return r;
    });
    await tick();
    expect(second).toBe(false);
    release();
    (await next)();
    expect(second).toBe(true);
  });

  it("releases when the function throws, and passes the error on", async () => {
    const mutex = new Mutex();
    await expect(mutex.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(mutex.run(async () => "after")).resolves.toBe("after");
  });
});

describe("isReadOnlyStatement", () => {
  it.each([
    "SELECT 1",
    "  select * from units where id = ?",
    "WITH x AS (SELECT 1) SELECT * FROM x",
    "EXPLAIN QUERY PLAN SELECT 1",
    "-- a comment\nSELECT 1",
  ])("treats %j as a read", (sql) => {
    expect(isReadOnlyStatement(sql)).toBe(true);
    expect(isReadOnlyStatement({ sql, args: [] })).toBe(true);
  });

  it.each([
    "INSERT INTO companies (name) VALUES (?)",
    "update units set floor = 2",
    "DELETE FROM rate_limits",
    "REPLACE INTO rate_limits VALUES (1)",
    "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x",
    "CREATE TABLE t (id integer)",
    "PRAGMA journal_mode = WAL",
    "BEGIN",
    // Errs on the safe side: a read that mentions a write keyword is queued like a write.
    "SELECT replace(name, 'a', 'b') FROM companies",
  ])("treats %j as a write", (sql) => {
    expect(isReadOnlyStatement(sql)).toBe(false);
  });
});

describe("Mutex statistics", () => {
  it("records how many holds there were and the longest one", async () => {
    const mutex = new Mutex();
    await mutex.run(async () => {});
    await mutex.run(() => new Promise((resolve) => setTimeout(resolve, 30)));
    expect(mutex.stats.holds).toBe(2);
    expect(mutex.stats.longestHoldMs).toBeGreaterThanOrEqual(25);
  });
});
