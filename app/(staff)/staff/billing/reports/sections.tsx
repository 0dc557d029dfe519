import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { CollectionChart } from "@/components/billing/collection-chart";
import { Card, EmptyState, Stat } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { collectionReport, dailyCash, type Grouping } from "@/lib/billing/queries/reports";
import { cachedAgingReport } from "@/lib/billing/queries/aging-cache";
import { statementTotals } from "@/lib/billing/reconciliation/queries";
import { dayBounds } from "@/lib/time/zone";
import { AGING_BUCKETS } from "@/lib/billing/rules";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";

/*
 * The billing reports' sections, each an async server component the page streams behind its own
 * <Suspense> (the by-month figures read the summary table billing_period_totals; aging and the
 * grouped collection still read the bills).
 */

const BUCKET_KEY = { "1-2": "b1", "3-5": "b3", "6-11": "b6", "12+": "b12" } as const;
export const GROUP_LABEL = { community: "byCommunity", building: "byBuilding", butler: "byButler" } as const;

async function fmt() {
  const [t, locale] = await Promise.all([getTranslations("billing"), getLocale()]);
  const money = (fen: number) => formatFen(fen, locale as Locale);
  const rate = (bp: number | null) => (bp === null ? "—" : `${(bp / 100).toFixed(1)}%`);
  return { t, money, rate };
}

export async function AgingSection(p: { companyId: number; today: string; grouping: Grouping; csv: ReactNode }) {
  const aging = await cachedAgingReport(getDb(), p.companyId, p.today, p.grouping);
  const { t, money } = await fmt();
  return (
    <Card title={`${t("reports.aging")} · ${t(`reports.${GROUP_LABEL[p.grouping]}`)}`} actions={p.csv}>
      {aging.length === 0 ? (
        <EmptyState>{t("common.none")}</EmptyState>
      ) : (
        <Table
          head={[
            "",
            ...AGING_BUCKETS.map((b) => t(`aging.${BUCKET_KEY[b]}`)),
            t("reports.inArrears"),
            t("common.owed"),
          ]}
        >
          {aging.map((r) => (
            <tr key={String(r.key)}>
              <td className="font-medium" data-user-text={r.name ? "" : undefined}>
                {r.name ?? t("common.unassigned")}
              </td>
              {AGING_BUCKETS.map((b) => (
                <td key={b} className="tabular-nums">
                  {r.buckets[b].households}{" "}
                  <span className="text-xs text-slate-500">{money(r.buckets[b].owedFen)}</span>
                </td>
              ))}
              <td className="tabular-nums">{r.households}</td>
              <td className="tabular-nums">{money(r.owedFen)}</td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}

export async function ByMonthSection(p: { companyId: number; from: string; to: string; csv: ReactNode }) {
  const byMonth = await collectionReport(getDb(), p.companyId, p.from, p.to, "month");
  const { t, money, rate } = await fmt();
  const yuan = (fen: number) => Math.round(fen / 100);
  return (
    <Card title={t("reports.chart")} actions={p.csv}>
      <CollectionChart
        data={byMonth.map((m) => ({
          month: String(m.key),
          billed: yuan(m.billedFen),
          collected: yuan(m.collectedFen),
          rate: m.rateBp === null ? null : m.rateBp / 100,
        }))}
        labels={{ billed: t("bills.billed"), collected: t("bills.collected"), rate: t("reports.rate") }}
      />
      <Table head={[t("common.period"), t("bills.billed"), t("bills.collected"), t("reports.rate")]}>
        {byMonth.map((m) => (
          <tr key={String(m.key)}>
            <td>{m.key}</td>
            <td className="tabular-nums">{money(m.billedFen)}</td>
            <td className="tabular-nums">{money(m.collectedFen)}</td>
            <td className="tabular-nums">{rate(m.rateBp)}</td>
          </tr>
        ))}
      </Table>
    </Card>
  );
}

export async function ByGroupSection(p: {
  companyId: number;
  from: string;
  to: string;
  grouping: Grouping;
  csv: ReactNode;
}) {
  const byGroup = await collectionReport(getDb(), p.companyId, p.from, p.to, p.grouping);
  const { t, money, rate } = await fmt();
  return (
    <Card
      title={`${t("reports.collection")} · ${t(`reports.${GROUP_LABEL[p.grouping]}`)} (${p.from} – ${p.to})`}
      actions={p.csv}
    >
      <Table head={["", t("bills.billed"), t("bills.collected"), t("reports.rate")]}>
        {byGroup.map((r) => (
          <tr key={String(r.key)}>
            <td className="font-medium" data-user-text={r.name ? "" : undefined}>
              {r.name ?? t("common.unassigned")}
            </td>
            <td className="tabular-nums">{money(r.billedFen)}</td>
            <td className="tabular-nums">{money(r.collectedFen)}</td>
            <td className="tabular-nums">{rate(r.rateBp)}</td>
          </tr>
        ))}
      </Table>
    </Card>
  );
}

/** The day's payments by method, the total and the refunds (the date form stays in the page). */
export async function DailyCashFigures(p: { companyId: number; date: string; timeZone: string }) {
  const { start, end } = dayBounds(p.date, p.timeZone);
  const cash = await dailyCash(getDb(), p.companyId, start, end);
  const { t, money } = await fmt();
  return (
    <div className="grid gap-3 sm:grid-cols-4">
      {cash.byMethod.map((m) => (
        <Stat key={m.method} label={`${t(`method.${m.method}`)} (${m.count})`} value={money(m.amountFen)} />
      ))}
      <Stat label={t("common.total")} value={money(cash.totalFen)} />
      <Stat label={`${t("reports.refunds")} (${cash.refunds.count})`} value={money(cash.refunds.amountFen)} />
    </div>
  );
}

/** The day's WeChat Pay / Alipay statement totals (the reconciliation job's), beside the cash figures. */
export async function ProviderStatementTotals(p: { companyId: number; date: string }) {
  const rows = await statementTotals(getDb(), p.companyId, p.date);
  const { t, money } = await fmt();
  return (
    <div className="mt-4" data-testid="statement-totals">
      <h3 className="mb-1 text-sm font-medium text-slate-700">{t("reconciliation.cashTitle")}</h3>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">{t("reconciliation.cashNone")}</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {rows.map((r) => (
            <li key={r.provider}>
              {t("reconciliation.cashLine", {
                provider: t(`reconciliation.providers.${r.provider}`),
                trades: r.tradeCount,
                tradeAmount: money(r.tradeFen),
                refunds: r.refundCount,
                refundAmount: money(r.refundFen),
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
