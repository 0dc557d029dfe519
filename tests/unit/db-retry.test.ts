import type { Client } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { isBusyError, retryBusy, transientKind } from "@/lib/db/retry";

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
    const result = await retryBusy(client, async () => (++attempts < 3 ? Promise.reject(busy()) : "done"), {
      budgetMs: 10_000,
      firstDelayMs: 1,
      maxDelayMs: 2,
    });
    expect(result).toBe("done");
    expect(attempts).toBe(3);
    expect(calls.reconnect).toBe(2);
  });

  it("gives up with the busy error once the budget is spent, and never retries other errors", async () => {
    const { client, calls } = fakeClient();
    let attempts = 0;
    await expect(
      retryBusy(client, async () => (attempts++, Promise.reject(busy())), {
        budgetMs: 0,
        firstDelayMs: 1,
        maxDelayMs: 1,
      }),
    ).rejects.toThrow(/SQLITE_BUSY/);
    expect(attempts).toBe(1);
    expect(calls.reconnect).toBe(1);
    attempts = 0;
    await expect(
      retryBusy(client, async () => (attempts++, Promise.reject(new Error("no such table"))), {
        budgetMs: 10_000,
        firstDelayMs: 1,
        maxDelayMs: 1,
      }),
    ).rejects.toThrow(/no such table/);
    expect(attempts).toBe(1);
  });

  it("tells a libSQL server's passing failures apart: not sent (retry anything) or unknown (retry reads)", () => {
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }),
    });
    expect(transientKind(refused)).toBe("not_sent");
    expect(transientKind(Object.assign(new Error("Server returned HTTP status 429"), { status: 429 }))).toBe(
      "not_sent",
    );
    expect(
      transientKind(
        new TypeError("fetch failed", {
          cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
        }),
      ),
    ).toBe("unknown");
    expect(transientKind(Object.assign(new Error("transaction timed out"), { code: "TRANSACTION_TIMEOUT" }))).toBe(
      "unknown",
    );
    expect(
      transientKind(
        Object.assign(new Error("SQLITE_CONSTRAINT: UNIQUE constraint failed"), { code: "SQLITE_CONSTRAINT" }),
      ),
    ).toBeNull();
  });
});
