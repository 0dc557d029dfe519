import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import { fenToYuanText, AGING_BUCKETS } from "./rules";
import { dayBounds } from "@/lib/time/zone";
import { agingReport, collectionReport, dailyCash, type Grouping } from "./queries/reports";

export const REPORTS = ["aging", "collection", "collection-month", "daily-cash"] as const;
export type ReportName = (typeof REPORTS)[number];

export function parseGrouping(v: string | null | undefined): Grouping {
  return v === "building" || v === "butler" ? v : "community";
}

/** A report as rows for CSV; the header row uses the translated labels passed in. */
export async function reportRows(
  db: DbOrTx,
  companyId: number,
  name: ReportName,
  p: { today: string; grouping: Grouping; from: string; to: string; date: string; timeZone: string },
  label: (key: string) => string,
): Promise<(string | number | null)[][]> {
  if (name === "aging") {
    const rows = await agingReport(db, companyId, p.today, p.grouping);
    return [
      [
        label("name"),
        ...AGING_BUCKETS.flatMap((b) => [`${b} ${label("households")}`, `${b} ${label("owed")}`]),
        label("households"),
        label("owed"),
      ],
      ...rows.map((r) => [
        r.name ?? label("unassigned"),
        ...AGING_BUCKETS.flatMap((b) => [r.buckets[b].households, fenToYuanText(r.buckets[b].owedFen)]),
        r.households,
        fenToYuanText(r.owedFen),
      ]),
    ];
  }
  if (name === "collection" || name === "collection-month") {
    const rows = await collectionReport(db, companyId, p.from, p.to, name === "collection" ? p.grouping : "month");
    return [
      [label("name"), label("billed"), label("collected"), label("rate")],
      ...rows.map((r) => [
        r.name ?? label("unassigned"),
        fenToYuanText(r.billedFen),
        fenToYuanText(r.collectedFen),
        r.rateBp === null ? null : (r.rateBp / 100).toFixed(2) + "%",
      ]),
    ];
  }
  const { start, end } = dayBounds(p.date, p.timeZone);
  const cash = await dailyCash(db, companyId, start, end);
  return [
    [label("receiptNo"), label("receivedAt"), label("household"), label("method"), label("amount"), label("cashier")],
    ...cash.payments.map((x) => [
      x.receiptNo,
      x.receivedAt.toISOString(),
      x.householdName,
      label(`method.${x.method}`),
      fenToYuanText(x.amountFen),
      x.cashier,
    ]),
    [],
    ...cash.byMethod.map((m) => [label(`method.${m.method}`), m.count, fenToYuanText(m.amountFen)]),
    [label("total"), null, fenToYuanText(cash.totalFen)],
    [label("refunds"), cash.refunds.count, fenToYuanText(cash.refunds.amountFen)],
  ];
}
