// Pure rules of the resident portal: shop prices, activity sign-ups, outbox retries.

/** The VIP price of one amount in fen: the discount is rounded half up to the fen, never negative. */
export function discountFen(amountFen: number, percent: number): number {
  if (!Number.isInteger(amountFen) || amountFen < 0) throw new Error("amountFen must be a non-negative integer");
  const p = Math.min(100, Math.max(0, Math.trunc(percent)));
  return Math.floor((amountFen * p + 50) / 100);
}

export interface PricedLine {
  productId: number;
  unitPriceFen: number;
  quantity: number;
}

export interface ShopTotals {
  lines: (PricedLine & { lineFen: number })[];
  subtotalFen: number;
  discountPercent: number;
  discountFen: number;
  totalFen: number;
}

/**
 * An order's totals from the catalogue's unit prices: subtotal = Σ price × quantity; a
 * gold-card holder gets `vipPercent` off the subtotal (rounded half up to the fen, once,
 * on the whole order — not per line, so the total never drifts by a fen per line).
 */
export function shopTotals(lines: readonly PricedLine[], vipPercent: number | null): ShopTotals {
  const priced = lines.map((l) => ({ ...l, lineFen: l.unitPriceFen * l.quantity }));
  const subtotalFen = priced.reduce((s, l) => s + l.lineFen, 0);
  const discountPercent = vipPercent ? Math.min(100, Math.max(0, Math.trunc(vipPercent))) : 0;
  const off = discountFen(subtotalFen, discountPercent);
  return { lines: priced, subtotalFen, discountPercent, discountFen: off, totalFen: subtotalFen - off };
}

/** A unit price as a gold-card holder sees it in the catalogue. */
export function vipUnitPriceFen(priceFen: number, vipPercent: number | null): number {
  return priceFen - discountFen(priceFen, vipPercent ?? 0);
}

// ── Activities ───────────────────────────────────────────────────────────────

export type SignupStatus = "confirmed" | "waiting" | "cancelled";

export type SignupRefusal = "deadline_passed" | "activity_started";

/** Whether a resident may still sign up at `now` (before the deadline and the start). */
export function signupRefusal(activity: { signupDeadline: Date; startsAt: Date }, now: Date): SignupRefusal | null {
  if (now.getTime() >= activity.startsAt.getTime()) return "activity_started";
  if (now.getTime() > activity.signupDeadline.getTime()) return "deadline_passed";
  return null;
}

/** The status a new sign-up gets: a seat while fewer than `capacity` are confirmed, else the waiting list. */
export function newSignupStatus(confirmed: number, capacity: number): "confirmed" | "waiting" {
  return confirmed < capacity ? "confirmed" : "waiting";
}

/**
 * Who moves up when seats free: the earliest waiting sign-ups (by queuedAt, then id), as
 * many as there are free seats. Returns their ids in promotion order.
 */
export function promotions(
  signups: readonly { id: number; status: SignupStatus; queuedAt: Date }[],
  capacity: number,
): number[] {
  const confirmed = signups.filter((s) => s.status === "confirmed").length;
  const free = Math.max(0, capacity - confirmed);
  if (!free) return [];
  return signups
    .filter((s) => s.status === "waiting")
    .sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime() || a.id - b.id)
    .slice(0, free)
    .map((s) => s.id);
}

/** Check-in is open on the activity's day: from 2 h before the start to its end. */
export function checkInOpen(activity: { startsAt: Date; endsAt: Date }, now: Date): boolean {
  return now.getTime() >= activity.startsAt.getTime() - 2 * 3600_000 && now.getTime() <= activity.endsAt.getTime();
}
