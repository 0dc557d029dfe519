import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import { fenToYuanText, AGING_BUCKETS } from "./rules";
import { dayBounds } from "@/lib/time/zone";
import { agingReport, collectionReport, dailyCash, type Grouping } from "./queries/reports";
import { dailyCashRows, type CashRow } from "./queries/daily-cash-rows";

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
  p: Params,
  label: (key: string) => string,
): Promise<Cell[][]> {
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
  return [cashHead(label), ...cash.payments.map((x) => cashLine(x, label)), ...cashSummary(cash, label)];
}

type Cell = string | number | null;
type Params = { today: string; grouping: Grouping; from: string; to: string; date: string; timeZone: string };

const cashHead = (label: (key: string) => string) => [
  label("receiptNo"),
  label("receivedAt"),
  label("household"),
  label("method"),
  label("amount"),
  label("cashier"),
];

const cashLine = (x: CashRow, label: (key: string) => string): Cell[] => [
  x.receiptNo,
  x.receivedAt.toISOString(),
  x.householdName,
  label(`method.${x.method}`),
  fenToYuanText(x.amountFen),
  x.cashier,
];

function cashSummary(cash: Awaited<ReturnType<typeof dailyCash>>, label: (key: string) => string): Cell[][] {
  return [
    [],
    ...cash.byMethod.map((m) => [label(`method.${m.method}`), m.count, fenToYuanText(m.amountFen)]),
    [label("total"), null, fenToYuanText(cash.totalFen)],
    [label("refunds"), cash.refunds.count, fenToYuanText(cash.refunds.amountFen)],
  ];
}

/**
 * A report as CSV chunks for a streamed download (issue 16 point 7). The daily cash list comes
 * in keyset pages of `pageSize` payments (every payment of the day, no row cap), then the
 * totals; the other reports are one aggregate query of a few dozen rows each.
 */
export async function* reportCsvChunks(
  db: DbOrTx,
  companyId: number,
  name: ReportName,
  p: Params,
  label: (key: string) => string,
  pageSize = 500,
): AsyncGenerator<Cell[][]> {
  if (name !== "daily-cash") {
    yield await reportRows(db, companyId, name, p, label);
    return;
  }
  yield [cashHead(label)];
  const { start, end } = dayBounds(p.date, p.timeZone);
  for await (const page of dailyCashRows(db, companyId, start, end, pageSize))
    yield page.map((x) => cashLine(x, label));
  yield cashSummary(await dailyCash(db, companyId, start, end), label);
}
