import type { StatementLine, StatementRowKind } from "./parse";

/*
 * Matching a statement to our books (pure). Every statement line is one item — matched, missing
 * on our side, or amount differs — and every payment/refund of ours of that day that the
 * statement lacks is one more item, missing on the provider's side.
 */

export type ReconciliationStatus = "matched" | "missing_ours" | "missing_provider" | "amount_differs";

/** One payment (by out_trade_no) or refund (by out_refund_no) of ours. */
export interface OurEntry {
  ref: string;
  outTradeNo: string;
  amountFen: number;
  paymentId: number;
}

export interface ItemDraft {
  kind: StatementRowKind;
  ref: string;
  outTradeNo: string;
  providerTradeNo: string | null;
  status: ReconciliationStatus;
  statementFen: number | null;
  oursFen: number | null;
  paymentId: number | null;
}

/** The statement line's key: out_trade_no for a trade, out_refund_no for a refund. */
export const refOf = (l: StatementLine) => (l.kind === "trade" ? l.outTradeNo : l.outRefundNo);

/**
 * `known`: ours for every ref the statement names (any day: a payment notified just before
 * midnight may be on the provider's next day); `ofDay`: ours dated that company-local day.
 * A ref printed twice counts once (the first line).
 */
export function matchStatement(
  lines: readonly StatementLine[],
  known: Record<StatementRowKind, ReadonlyMap<string, OurEntry>>,
  ofDay: Record<StatementRowKind, readonly OurEntry[]>,
): ItemDraft[] {
  const items: ItemDraft[] = [];
  const seen = { trade: new Set<string>(), refund: new Set<string>() };
  for (const l of lines) {
    const ref = refOf(l);
    if (seen[l.kind].has(ref)) continue;
    seen[l.kind].add(ref);
    const ours = known[l.kind].get(ref);
    const status: ReconciliationStatus = !ours
      ? "missing_ours"
      : ours.amountFen === l.amountFen
        ? "matched"
        : "amount_differs";
    items.push({
      kind: l.kind,
      ref,
      outTradeNo: l.outTradeNo,
      providerTradeNo: l.providerTradeNo || null,
      status,
      statementFen: l.amountFen,
      oursFen: ours?.amountFen ?? null,
      paymentId: ours?.paymentId ?? null,
    });
  }
  for (const kind of ["trade", "refund"] as const)
    for (const o of ofDay[kind])
      if (!seen[kind].has(o.ref)) {
        seen[kind].add(o.ref);
        items.push({
          kind,
          ref: o.ref,
          outTradeNo: o.outTradeNo,
          providerTradeNo: null,
          status: "missing_provider",
          statementFen: null,
          oursFen: o.amountFen,
          paymentId: o.paymentId,
        });
      }
  return items;
}
