/** Quarters "YYYYQn" of the calendar, pure. */

/** "2026Q4" for any date or month string of that quarter ("2026-11-01", "2026-11"). */
export function quarterOf(dateOrMonth: string): string {
  const y = dateOrMonth.slice(0, 4);
  const m = Number(dateOrMonth.slice(5, 7));
  return `${y}Q${Math.floor((m - 1) / 3) + 1}`;
}

/** 1, 2 or 3: the month's position within its quarter. */
export function monthIndexInQuarter(dateOrMonth: string): 1 | 2 | 3 {
  const m = Number(dateOrMonth.slice(5, 7));
  return (((m - 1) % 3) + 1) as 1 | 2 | 3;
}

/** First and last calendar day of a quarter "YYYYQn". */
export function quarterBounds(quarter: string): { from: string; to: string } {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter);
  if (!m) throw new Error(`not a quarter: ${quarter}`);
  const y = Number(m[1]);
  const q = Number(m[2]);
  const firstMonth = (q - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  const lastDay = new Date(Date.UTC(y, lastMonth, 0)).getUTCDate();
  const mm = (n: number) => String(n).padStart(2, "0");
  return { from: `${y}-${mm(firstMonth)}-01`, to: `${y}-${mm(lastMonth)}-${mm(lastDay)}` };
}

/** The quarter before "YYYYQn". */
export function previousQuarter(quarter: string): string {
  const y = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(5));
  return q === 1 ? `${y - 1}Q4` : `${y}Q${q - 1}`;
}

export const isQuarter = (s: string) => /^\d{4}Q[1-4]$/.test(s);
