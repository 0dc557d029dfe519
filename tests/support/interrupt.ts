import type { Db } from "@/lib/db/client";

/** The error an interrupted run fails with. */
export class Interrupted extends Error {
  constructor(readonly after: number) {
    super(`interrupted after ${after} committed transactions`);
  }
}

/**
 * The drizzle handle, except that its (k+1)-th `transaction()` throws before it begins: a job
 * run on it commits k chunks and stops there, as if the process had died between two chunks.
 * `committed()` says how many transactions it let through.
 */
export function interruptedAfter(db: Db, k: number): { db: Db; committed: () => number } {
  let started = 0;
  const wrapped = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === "transaction")
        return (...args: Parameters<Db["transaction"]>) => {
          if (started >= k) return Promise.reject(new Interrupted(k));
          started++;
          return target.transaction(...args);
        };
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: wrapped, committed: () => started };
}
