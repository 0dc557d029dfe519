import type { Client } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { isBusyError, retryBusy } from "@/lib/db/write-queue";

const busy = () => Object.assign(new Error("SQLITE_BUSY: database is locked"), { code: "SQLITE_BUSY" });

function fakeClient() {
  const calls = { reconnect: 0 };
  const client = { reconnect: async () => void calls.reconnect++ } as unknown as Client;
  return { client, calls };
}

describe("waiting for another process's write lock", () => {
  it("recognizes SQLITE_BUSY in the error or its causes", () => {
    expect(isBusyError(busy())).toBe(true);
    expect(isBusyError({ code: "SQLITE_ERROR", extendedCode: "SQLITE_BUSY_SNAPSHOT" })).toBe(true);
    expect(isBusyError(new Error("wrapped", { cause: busy() }))).toBe(true);
    expect(isBusyError(new Error("UNIQUE constraint failed: payments.receipt_no"))).toBe(false);
  });

  it("retries a busy call after dropping the client's connections, until it succeeds", async () => {
    const { client, calls } = fakeClient();
    let attempts = 0;
    const result = await retryBusy(client, async () => (++attempts < 3 ? Promise.reject(busy()) : "done"), { budgetMs: 10_000, firstDelayMs: 1, maxDelayMs: 2 });
    expect(result).toBe("done");
    expect(attempts).toBe(3);
    expect(calls.reconnect).toBe(2);
  });

  it("gives up with the busy error once the budget is spent, and never retries other errors", async () => {
    const { client, calls } = fakeClient();
    let attempts = 0;
    await expect(retryBusy(client, async () => (attempts++, Promise.reject(busy())), { budgetMs: 0, firstDelayMs: 1, maxDelayMs: 1 })).rejects.toThrow(/SQLITE_BUSY/);
    expect(attempts).toBe(1);
    expect(calls.reconnect).toBe(1);
    attempts = 0;
    await expect(retryBusy(client, async () => (attempts++, Promise.reject(new Error("no such table"))), { budgetMs: 10_000, firstDelayMs: 1, maxDelayMs: 1 })).rejects.toThrow(/no such table/);
    expect(attempts).toBe(1);
  });
});
