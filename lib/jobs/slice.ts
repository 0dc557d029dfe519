import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Time slicing for jobs and imports that run in the request process (issue 15 point 3).
 *
 * The database runs in worker threads (lib/db/threads), so a job's statements never block the
 * event loop; its own JavaScript between statements does — a loop over 50,000 households is
 * one synchronous stretch, and every request of every company waits for it. Loops over a
 * company's rows call `pause()` (or use `forEachSliced` / `mapSliced`): once the stretch has run
 * SLICE_MS, the job waits for the next turn of the event loop, where pending requests are served.
 */

/**
 * The longest stretch a job runs before it lets requests in. A request waits up to one slice at
 * each of its turns of the loop (arrival, each database answer, the response), not once: with
 * 15 ms slices a health check during the 50,000-row import took 103–138 ms (p99) although no
 * stall passed 42 ms; with 5 ms, 42–60 ms (bench:pages --only jobs). Each yield costs microseconds.
 */
export const SLICE_MS = 5;

/** Called between items of a long loop: resolves at once, or after a turn of the event loop. */
export type Pause = () => Promise<void>;

/** A pause() that yields to the event loop when `sliceMs` have passed since the last yield. */
export function timeSlicer(sliceMs = SLICE_MS): Pause {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < sliceMs) return;
    await nextTurn();
    since = performance.now();
  };
}

/** Rows per page of readInPages: mapped by drizzle in a few milliseconds. */
export const READ_PAGE = 2000;

/**
 * A big read in pages by an increasing key (keyset: `read(after, limit)` returns the rows with a
 * key above `after`, in key order, at most `limit`), a turn of the event loop between pages.
 * drizzle maps a result on the event loop in one go: the arrears ladder's 22,500 firings at the
 * bench's size were one 60–270 ms stall (with the garbage they leave). Rows written meanwhile
 * with a higher key may be included; none existing at the start is missed or read twice.
 */
export async function readInPages<R>(
  read: (after: number, limit: number) => Promise<R[]>,
  keyOf: (row: R) => number,
  size = READ_PAGE,
): Promise<R[]> {
  const rows: R[] = [];
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const page = await read(after, size);
    for (const row of page) rows.push(row);
    if (page.length < size) return rows;
    after = keyOf(page[page.length - 1]);
    await nextTurn();
  }
}

/** Yields to the event loop once, unconditionally (between two jobs, chunks or phases). */
export function yieldToLoop(): Promise<void> {
  return nextTurn();
}

/** `fn` over every item, yielding to the event loop every `sliceMs`. */
export async function forEachSliced<T>(
  items: Iterable<T>,
  fn: (item: T, index: number) => void,
  sliceMs = SLICE_MS,
): Promise<void> {
  const pause = timeSlicer(sliceMs);
  let i = 0;
  for (const item of items) {
    fn(item, i++);
    await pause();
  }
}

/** `items.map(fn)`, yielding to the event loop every `sliceMs`. */
export async function mapSliced<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => R,
  sliceMs = SLICE_MS,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  await forEachSliced(items, (item, i) => (out[i] = fn(item, i)), sliceMs);
  return out;
}
