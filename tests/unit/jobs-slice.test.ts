import { describe, expect, it } from "vitest";
import { forEachSliced, mapSliced, readInPages, timeSlicer } from "@/lib/jobs/slice";

/** Busy work of at least `ms` on the event loop (a job's synchronous JavaScript). */
function spin(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* busy */
  }
}

describe("time slicing of jobs (lib/jobs/slice.ts)", () => {
  it("lets the event loop serve other work while a long loop runs", async () => {
    let served = 0;
    let stopped = false;
    const serve = () => {
      served++;
      if (!stopped) setImmediate(serve);
    };
    const turns: number[] = [];
    setImmediate(serve);
    // 40 items of at least 2 ms each on a 10 ms slice: a slice holds at most 5 items, so the loop
    // turns at least 7 times in between, and each turn serves the other work once.
    await forEachSliced(
      Array.from({ length: 40 }, (_, i) => i),
      () => {
        spin(2);
        turns.push(served);
      },
      10,
    );
    expect(new Set(turns).size).toBeGreaterThanOrEqual(8);
    expect(turns[0]).toBe(0); // the first slice ran before anything else
    stopped = true;
  });

  it("a pause() before the slice is used up does not yield", async () => {
    const pause = timeSlicer(60_000);
    let turned = false;
    setImmediate(() => (turned = true));
    for (let i = 0; i < 100; i++) await pause();
    expect(turned).toBe(false);
    await new Promise((r) => setImmediate(r));
    expect(turned).toBe(true);
  });

  it("mapSliced is map", async () => {
    const xs = Array.from({ length: 5000 }, (_, i) => i);
    expect(await mapSliced(xs, (x, i) => x * 2 + i, 0)).toEqual(xs.map((x, i) => x * 2 + i));
    expect(await mapSliced([], (x: number) => x)).toEqual([]);
  });

  it("readInPages reads every row once, in key order, a page at a time from the last key", async () => {
    const table = [3, 5, 8, 13, 21, 34, 55].map((id) => ({ id }));
    const asked: number[] = [];
    const rows = await readInPages(
      async (after, limit) => {
        asked.push(after);
        if (after === 8) table.push({ id: 89 }); // written meanwhile, with a higher key: read too
        return table.filter((r) => r.id > after).slice(0, limit);
      },
      (r) => r.id,
      3,
    );
    expect(rows.map((r) => r.id)).toEqual([3, 5, 8, 13, 21, 34, 55, 89]);
    expect(asked).toEqual([Number.MIN_SAFE_INTEGER, 8, 34]);
    expect(
      await readInPages(
        async () => [],
        (r: { id: number }) => r.id,
      ),
    ).toEqual([]);
  });
});
