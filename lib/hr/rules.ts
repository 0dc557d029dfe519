/** HR rules: pure functions, no I/O. */

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** The next free employee number after the ones taken: E0001, E0002, … (highest numeric suffix + 1). */
export function nextEmployeeNo(taken: readonly string[], prefix = "E"): string {
  let top = 0;
  for (const no of taken) {
    const m = /^([A-Z]*)(\d+)$/.exec(no);
    if (m && m[1] === prefix) top = Math.max(top, Number(m[2]));
  }
  return `${prefix}${String(top + 1).padStart(4, "0")}`;
}
