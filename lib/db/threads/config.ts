import os from "node:os";
import { databaseReadersSchema, databaseSlowMsSchema, databaseThreadsSchema, liveEnv } from "../../env";

/**
 * How embedded (`file:`) databases are served (README, "Process model"):
 *
 * - DATABASE_THREADS: `on` (default) runs the engine in worker threads (threads/client.ts);
 *   `off` runs it on the calling thread as before (benches compare the two; a fallback).
 * - DATABASE_READERS: reader threads at most for plain reads; default: twice the machine's
 *   available parallelism, from 4 to 8. More threads than cores on purpose: a cheap read
 *   (a sign-in, a health check) gets a thread of its own instead of queueing behind a heavy
 *   dashboard query; the OS shares the cores between them. Threads start when needed.
 * - DATABASE_SLOW_MS: each thread logs every statement that took this many ms or more, with its
 *   SQL and without its values (`[db slow] 41.2 ms select …`): where a page's time goes.
 */
export interface ThreadSettings {
  threads: boolean;
  readers: number;
  slowMs?: number;
}

export function defaultReaders(): number {
  return Math.max(4, Math.min(8, 2 * os.availableParallelism()));
}

const liveSource = () => ({
  DATABASE_THREADS: liveEnv("DATABASE_THREADS"),
  DATABASE_READERS: liveEnv("DATABASE_READERS"),
  DATABASE_SLOW_MS: liveEnv("DATABASE_SLOW_MS"),
});

/** The settings from an environment (the live one by default); invalid values throw with the variable's name. */
export function threadSettings(source: Record<string, string | undefined> = liveSource()): ThreadSettings {
  const threads = databaseThreadsSchema.safeParse(source.DATABASE_THREADS || undefined);
  if (!threads.success) throw new Error(`DATABASE_THREADS must be "on" or "off", not ${source.DATABASE_THREADS}`);
  const readers = databaseReadersSchema.safeParse(source.DATABASE_READERS || undefined);
  if (!readers.success)
    throw new Error(`DATABASE_READERS must be a whole number from 0 to 64, not ${source.DATABASE_READERS}`);
  const slow = databaseSlowMsSchema.safeParse(source.DATABASE_SLOW_MS || undefined);
  if (!slow.success)
    throw new Error(`DATABASE_SLOW_MS must be a whole number of milliseconds, not ${source.DATABASE_SLOW_MS}`);
  return { threads: threads.data === "on", readers: readers.data ?? defaultReaders(), slowMs: slow.data };
}
