import os from "node:os";
import {
  databaseCacheMbSchema,
  databaseReadersSchema,
  databaseSlowMsSchema,
  databaseThreadsSchema,
  liveEnv,
} from "../../env";

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
 * - DATABASE_CACHE_MB: each connection's page cache in the threads, in MiB (default 16; SQLite's
 *   own default is 2). A dashboard read walks more pages than 2 MiB holds, and every page
 *   missed is a read() from the OS cache and a copy: the admin's risk lists at 50,000 households
 *   took 37 ms of CPU with 2 MiB (10 ms of it in the kernel), 30 ms with 16 MiB, 29 with 64.
 *   Memory: at most readers + 1 connections × this, once their caches fill.
 */
/** The page cache per connection when DATABASE_CACHE_MB is unset (MiB). */
export const DEFAULT_CACHE_MB = 16;

export interface ThreadSettings {
  threads: boolean;
  readers: number;
  slowMs?: number;
  cacheMb: number;
}

export function defaultReaders(): number {
  return Math.max(4, Math.min(8, 2 * os.availableParallelism()));
}

const liveSource = () => ({
  DATABASE_THREADS: liveEnv("DATABASE_THREADS"),
  DATABASE_READERS: liveEnv("DATABASE_READERS"),
  DATABASE_SLOW_MS: liveEnv("DATABASE_SLOW_MS"),
  DATABASE_CACHE_MB: liveEnv("DATABASE_CACHE_MB"),
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
  const cache = databaseCacheMbSchema.safeParse(source.DATABASE_CACHE_MB || undefined);
  if (!cache.success)
    throw new Error(`DATABASE_CACHE_MB must be a whole number of MiB from 1 to 1024, not ${source.DATABASE_CACHE_MB}`);
  return {
    threads: threads.data === "on",
    readers: readers.data ?? defaultReaders(),
    slowMs: slow.data,
    cacheMb: cache.data ?? DEFAULT_CACHE_MB,
  };
}
