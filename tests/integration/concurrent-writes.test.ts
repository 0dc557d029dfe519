import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { buildings, communities, households, units } from "@/db/schema";
import type { DbHandle } from "@/lib/db/client";
import { createTestCompany, createTestDb } from "../support/test-db";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});

/** Yields to the event loop so that other writers get a chance to interleave. */
const pause = () => new Promise((resolve) => setTimeout(resolve, 1));

/** The messages of the rejected results (drizzle puts the driver's error in `cause`). */
function failures(results: PromiseSettledResult<unknown>[]): string[] {
  return results.flatMap((r, i) => {
    if (r.status === "fulfilled") return [];
    const e = r.reason instanceof Error ? r.reason : new Error(String(r.reason));
    return [`#${i}: ${e.cause instanceof Error ? e.cause.message : e.message}`];
  });
}

describe("concurrent writes on one handle", () => {
  it("50 transactions, single inserts and batches launched together all succeed", async () => {
    const { db } = handle;
    const companyId = await createTestCompany(db);
    const N = 50;

    const write = async (i: number): Promise<void> => {
      const name = `community ${i}`;
      if (i % 3 === 0) {
        await db.transaction(async (tx) => {
          const [c] = await tx.insert(communities).values({ companyId, name }).returning({ id: communities.id });
          await pause();
          const [own] = await tx.select().from(communities).where(eq(communities.id, c.id));
          expect(own.name).toBe(name);
          const [b] = await tx
            .insert(buildings)
            .values({ companyId, communityId: c.id, code: "1", name: "Building 1" })
            .returning({ id: buildings.id });
          await pause();
          await tx.insert(units).values({ companyId, buildingId: b.id, number: "1-101", areaCentiM2: 8_950 });
        });
      } else if (i % 3 === 1) {
        await db.insert(communities).values({ companyId, name });
      } else {
        await db.batch([
          db.insert(communities).values({ companyId, name }),
          db.insert(households).values({ companyId, name: `household ${i}`, code: `C${companyId}-${i}` }),
        ]);
      }
    };

    const failed = failures(await Promise.allSettled(Array.from({ length: N }, (_, i) => write(i))));
    expect(failed.slice(0, 3), `${failed.length} of ${N} writes failed`).toEqual([]);

    const countOf = async (table: typeof communities | typeof buildings | typeof units | typeof households) =>
      (await db.select({ n: count() }).from(table).where(eq(table.companyId, companyId)))[0].n;
    const ofKind = (k: number) => Array.from({ length: N }, (_, i) => i).filter((i) => i % 3 === k).length;
    const txCount = ofKind(0);
    const batchCount = ofKind(2);
    expect(await countOf(communities)).toBe(N);
    expect(await countOf(buildings)).toBe(txCount);
    expect(await countOf(units)).toBe(txCount);
    expect(await countOf(households)).toBe(batchCount);

    const names = await db
      .select({ name: communities.name })
      .from(communities)
      .where(eq(communities.companyId, companyId));
    expect(names.map((r) => r.name).sort()).toEqual(Array.from({ length: N }, (_, i) => `community ${i}`).sort());
  });

  it("300 interactive transactions at once, more than sqld's 128 connections, all succeed", async () => {
    // Each waiting transaction holds a sqld connection. Without the write queue in remote
    // mode, about a third failed with HTTP 429 over http:// and all of them over ws://.
    const { db } = handle;
    const companyId = await createTestCompany(db);
    const N = 300;
    const results = await Promise.allSettled(
      Array.from({ length: N }, (_, i) =>
        db.transaction(async (tx) => {
          await tx.insert(communities).values({ companyId, name: `a ${i}` });
          await pause();
          await tx.insert(communities).values({ companyId, name: `b ${i}` });
        }),
      ),
    );
    const failed = failures(results);
    expect(failed.slice(0, 3), `${failed.length} of ${N} transactions failed`).toEqual([]);
    const [row] = await db.select({ n: count() }).from(communities).where(eq(communities.companyId, companyId));
    expect(row.n).toBe(2 * N);
  });
});
