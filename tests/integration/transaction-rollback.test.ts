import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { communities } from "@/db/schema";
import type { DbHandle } from "@/lib/db/client";
import { createTestCompany, createTestDb } from "../support/test-db";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});

/** Fails instead of hanging when a write never gets its turn (a leaked write-queue lock). */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms: is the write queue held?`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function communityCount(companyId: number): Promise<number> {
  const [row] = await handle.db.select({ n: count() }).from(communities).where(eq(communities.companyId, companyId));
  return row.n;
}

describe("a transaction that fails midway", () => {
  it("leaves no rows when the callback throws, and later writes still go through", async () => {
    const { db } = handle;
    const companyId = await createTestCompany(db);

    const failing = db.transaction(async (tx) => {
      await tx.insert(communities).values({ companyId, name: "first" });
      await new Promise((resolve) => setTimeout(resolve, 5));
      await tx.insert(communities).values({ companyId, name: "second" });
      throw new Error("midway");
    });
    // Queued behind the failing transaction: they only run if it releases the queue.
    const waiting = [1, 2, 3].map((i) => db.insert(communities).values({ companyId, name: `after ${i}` }));

    await expect(failing).rejects.toThrow("midway");
    await within(5_000, Promise.all(waiting));
    await within(5_000, db.insert(communities).values({ companyId, name: "later" }));

    const names = await db
      .select({ name: communities.name })
      .from(communities)
      .where(eq(communities.companyId, companyId));
    expect(names.map((r) => r.name).sort()).toEqual(["after 1", "after 2", "after 3", "later"]);
  });

  it("leaves no rows when a statement fails in the database", async () => {
    const { db } = handle;
    const companyId = await createTestCompany(db);

    const failing = db.transaction(async (tx) => {
      await tx.insert(communities).values({ companyId, name: "dup" });
      await tx.insert(communities).values({ companyId, name: "other" });
      await tx.insert(communities).values({ companyId, name: "dup" }); // violates communities_company_name_uq
    });

    await expect(failing).rejects.toThrow();
    expect(await communityCount(companyId)).toBe(0);
    await within(5_000, db.insert(communities).values({ companyId, name: "dup" }));
    expect(await communityCount(companyId)).toBe(1);
  });
});
