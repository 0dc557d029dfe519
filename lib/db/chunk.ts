/** Splits rows into runs of at most `size` (SQLite caps the parameters of one statement). */
export function chunk<T>(xs: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError("chunk size must be a positive integer");
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/**
 * Repeats a bounded delete (`step` removes at most `size` rows per statement, each its own short
 * transaction) until a step removes fewer than `size`; returns how many rows went in all.
 */
export async function deleteInChunks(step: () => Promise<{ rowsAffected: number }>, size: number): Promise<number> {
  let removed = 0;
  for (;;) {
    const { rowsAffected } = await step();
    removed += rowsAffected;
    if (rowsAffected < size) return removed;
  }
}
