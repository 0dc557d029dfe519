/**
 * The residents' self-reading window (issue 19 point 5): days of the month, inclusive, set in
 * the billing settings. Pure. A window past the month's last day ends on that day.
 */
export interface SelfReadWindow {
  fromDay: number;
  toDay: number;
}

export type WindowState =
  { open: true; closes: string } | { open: false; opens: string } | { open: false; opens: null };

const pad = (n: number) => String(n).padStart(2, "0");

function monthDays(month: string): number {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
}

/** Is the window open on `today` (YYYY-MM-DD)? Else when it opens next (null: no window set). */
export function selfReadState(window: SelfReadWindow | null, today: string): WindowState {
  if (!window) return { open: false, opens: null };
  const month = today.slice(0, 7);
  const day = Number(today.slice(8, 10));
  const last = monthDays(month);
  const from = Math.min(window.fromDay, last);
  const to = Math.min(window.toDay, last);
  if (day >= from && day <= to) return { open: true, closes: `${month}-${pad(to)}` };
  if (day < from) return { open: false, opens: `${month}-${pad(from)}` };
  const next = nextMonth(month);
  return { open: false, opens: `${next}-${pad(Math.min(window.fromDay, monthDays(next)))}` };
}
