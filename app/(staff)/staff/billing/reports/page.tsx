import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { CollectionChart } from "@/components/billing/collection-chart";
import { Card, EmptyState, PageHeader, Stat } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { BILLING_ROLES } from "@/lib/billing/access";
import { parseGrouping } from "@/lib/billing/reports";
import { AGING_BUCKETS } from "@/lib/billing/rules";
import { agingReport, collectionReport, dailyCash, type Grouping } from "@/lib/billing/queries/reports";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";
import { addMonths } from "@/lib/time/calendar";
import { dayBounds, localDate } from "@/lib/time/zone";

export async function generateMetadata() {
  return { title: (await getTranslations("billing.reports"))("title") };
}

const BUCKET_KEY = { "1-2": "b1", "3-5": "b3", "6-11": "b6", "12+": "b12" } as const;
const GROUPINGS: Grouping[] = ["community", "building", "butler"];
const GROUP_LABEL = { community: "byCommunity", building: "byBuilding", butler: "byButler" } as const;

type Money = (fen: number) => string;
type Collection = Awaited<ReturnType<typeof collectionReport>>;

const rate = (bp: number | null) => (bp === null ? "—" : `${(bp / 100).toFixed(1)}%`);
const yuan = (fen: number) => Math.round(fen / 100);

async function CsvLink({ href }: { href: string }) {
  const t = await getTranslations("billing");
  return (
    <a href={href} className="text-sm text-brand-700 hover:underline" download>
      {t("reports.csv")}
    </a>
  );
}

/** Arrears aging and collection rate by community/building/butler, collection by month with a chart, daily cash; CSV for each. */
export default async function ReportsPage({
  searchParams,
}: {
  searchParams: Promise<{ group?: string; date?: string }>;
}) {
  const user = await requireUser(BILLING_ROLES);
  const sp = await searchParams;
  const t = await getTranslations("billing");
  const locale = (await getLocale()) as Locale;
  const money = (fen: number) => formatFen(fen, locale);
  const db = getDb();
  const today = localDate(new Date(), user.timeZone);
  const to = today.slice(0, 7);
  const from = addMonths(to, -11);
  const grouping = parseGrouping(sp.group);
  const date = sp.date && /^\d{4}-\d{2}-\d{2}$/.test(sp.date) ? sp.date : today;
  const { start, end } = dayBounds(date, user.timeZone);
  const [aging, byMonth, byGroup, cash] = await Promise.all([
    agingReport(db, user.companyId, today, grouping),
    collectionReport(db, user.companyId, from, to, "month"),
    collectionReport(db, user.companyId, from, to, grouping),
    dailyCash(db, user.companyId, start, end),
  ]);
  const csv = (report: string, extra = "") =>
    `/staff/billing/reports/csv/${report}?group=${grouping}&from=${from}&to=${to}${extra}`;
  const groupLabel = t(`reports.${GROUP_LABEL[grouping]}`);
  return (
    <div className="space-y-4">
      <PageHeader title={t("reports.title")} />
      <nav className="flex flex-wrap gap-2" aria-label={t("reports.grouping")}>
        {GROUPINGS.map((g) => (
          <Link
            key={g}
            href={`/staff/billing/reports?group=${g}&date=${date}`}
            aria-current={g === grouping ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm ring-1 ${g === grouping ? "bg-brand-600 text-white ring-brand-600" : "bg-white ring-slate-300"}`}
          >
            {t(`reports.${GROUP_LABEL[g]}`)}
          </Link>
        ))}
      </nav>
      <Card title={`${t("reports.aging")} · ${groupLabel}`} actions={<CsvLink href={csv("aging")} />}>
        <AgingTable aging={aging} money={money} />
      </Card>
      <MonthlyCollection byMonth={byMonth} href={csv("collection-month")} money={money} />
      <Card
        title={`${t("reports.collection")} · ${groupLabel} (${from} – ${to})`}
        actions={<CsvLink href={csv("collection")} />}
      >
        <CollectionTable rows={byGroup} money={money} />
      </Card>
      <DailyCashCard date={date} grouping={grouping} cash={cash} money={money} />
    </div>
  );
}

async function AgingTable({ aging, money }: { aging: Awaited<ReturnType<typeof agingReport>>; money: Money }) {
  const t = await getTranslations("billing");
  return aging.length === 0 ? (
    <EmptyState>{t("common.none")}</EmptyState>
  ) : (
    <Table
      head={["", ...AGING_BUCKETS.map((b) => t(`aging.${BUCKET_KEY[b]}`)), t("reports.inArrears"), t("common.owed")]}
    >
      {aging.map((r) => (
        <tr key={String(r.key)}>
          <td className="font-medium">{r.name ?? t("common.unassigned")}</td>
          {AGING_BUCKETS.map((b) => (
            <td key={b} className="tabular-nums">
              {r.buckets[b].households} <span className="text-xs text-slate-500">{money(r.buckets[b].owedFen)}</span>
            </td>
          ))}
          <td className="tabular-nums">{r.households}</td>
          <td className="tabular-nums">{money(r.owedFen)}</td>
        </tr>
      ))}
    </Table>
  );
}

async function MonthlyCollection({ byMonth, href, money }: { byMonth: Collection; href: string; money: Money }) {
  const t = await getTranslations("billing");
  return (
    <Card title={t("reports.chart")} actions={<CsvLink href={href} />}>
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

async function CollectionTable({ rows, money }: { rows: Collection; money: Money }) {
  const t = await getTranslations("billing");
  return (
    <Table head={["", t("bills.billed"), t("bills.collected"), t("reports.rate")]}>
      {rows.map((r) => (
        <tr key={String(r.key)}>
          <td className="font-medium">{r.name ?? t("common.unassigned")}</td>
          <td className="tabular-nums">{money(r.billedFen)}</td>
          <td className="tabular-nums">{money(r.collectedFen)}</td>
          <td className="tabular-nums">{rate(r.rateBp)}</td>
        </tr>
      ))}
    </Table>
  );
}

async function DailyCashCard({
  date,
  grouping,
  cash,
  money,
}: {
  date: string;
  grouping: Grouping;
  cash: Awaited<ReturnType<typeof dailyCash>>;
  money: Money;
}) {
  const t = await getTranslations("billing");
  return (
    <Card
      title={`${t("reports.dailyCash")} · ${date}`}
      actions={<CsvLink href={`/staff/billing/reports/csv/daily-cash?date=${date}`} />}
    >
      <form method="get" className="mb-3 flex items-end gap-2">
        <input type="hidden" name="group" value={grouping} />
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("common.date")}</span>
          <input
            type="date"
            name="date"
            defaultValue={date}
            className="rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">
          {t("reports.show")}
        </button>
      </form>
      <div className="grid gap-3 sm:grid-cols-4">
        {cash.byMethod.map((m) => (
          <Stat key={m.method} label={`${t(`method.${m.method}`)} (${m.count})`} value={money(m.amountFen)} />
        ))}
        <Stat label={t("common.total")} value={money(cash.totalFen)} />
        <Stat label={`${t("reports.refunds")} (${cash.refunds.count})`} value={money(cash.refunds.amountFen)} />
      </div>
    </Card>
  );
}
