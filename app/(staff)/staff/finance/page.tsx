import { getLocale, getTranslations } from "next-intl/server";
import { CsvDownload } from "@/components/ui/csv-download";
import { categoryLabel } from "@/components/finance/category-label";
import { FinanceChart } from "@/components/finance/finance-chart";
import { PrintButton } from "@/components/finance/print-button";
import { Card, EmptyState, PageHeader, Stat } from "@/components/ui/card";
import { communityOptions, FilterCard, FilterInput, FilterSelect } from "@/components/ui/filter-card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { FINANCE_REPORT_ROLES } from "@/lib/finance/access";
import { resolveReportScope } from "@/lib/finance/page-scope";
import { budgetVsActual, profitAndLoss } from "@/lib/finance/reports";
import { MONTHS, type Variance } from "@/lib/finance/rules";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";
import { localParts } from "@/lib/time/zone";

export async function generateMetadata() {
  return { title: (await getTranslations("finance"))("title") };
}

type Bva = Awaited<ReturnType<typeof budgetVsActual>>;
type Pnl = Awaited<ReturnType<typeof profitAndLoss>>;
type Scope = Awaited<ReturnType<typeof resolveReportScope>>;
type Money = (fen: number) => string;

const pct = (v: Variance) =>
  v.variancePct === null ? "—" : `${v.variancePct > 0 ? "+" : ""}${v.variancePct.toFixed(1)}%`;

function VarCell({ v, kind, money }: { v: Variance; kind: "income" | "expense"; money: Money }) {
  const bad = kind === "income" ? v.variance < 0 : v.variance > 0;
  return <span className={v.variance === 0 ? "" : bad ? "text-red-600" : "text-emerald-700"}>{money(v.variance)}</span>;
}

/**
 * Budget vs actual (by month, year to date, full year, with variance and variance %) and a P&L
 * summary, per community or for the company; chart, CSV export, printable. Finance and admin
 * see every community; a project manager reads the communities they run.
 */
export default async function FinanceReportsPage({
  searchParams,
}: {
  searchParams: Promise<{ year?: string; community?: string }>;
}) {
  const user = await requireUser(FINANCE_REPORT_ROLES);
  const sp = await searchParams;
  const t = await getTranslations("finance");
  const locale = (await getLocale()) as Locale;
  const db = getDb();
  const today = localParts(new Date(), user.timeZone).date;
  const thisYear = Number(today.slice(0, 4));
  const year = /^\d{4}$/.test(sp.year ?? "") && Math.abs(Number(sp.year) - thisYear) <= 10 ? Number(sp.year) : thisYear;
  const { scope, options, chosen, companyWide } = await resolveReportScope(db, user, sp.community);
  const bva = await budgetVsActual(db, user.companyId, scope, year, today);
  const ytdTo = bva.ytdMonths ? `${year}-${MONTHS[bva.ytdMonths - 1]}-31` : `${year}-01-00`;
  const pnl = await profitAndLoss(db, user.companyId, scope, `${year}-01-01`, ytdTo);
  const money = (fen: number) => formatFen(fen, locale);
  const query = new URLSearchParams({ year: String(year), ...(chosen ? { community: String(chosen.id) } : {}) });
  const chart = MONTHS.map((m, i) => ({
    month: m,
    incomeBudget: Math.round(bva.income.months[i].budget / 100),
    incomeActual: Math.round(bva.income.months[i].actual / 100),
    expenseBudget: Math.round(bva.expense.months[i].budget / 100),
    expenseActual: Math.round(bva.expense.months[i].actual / 100),
  }));
  const scopeName = chosen?.name ?? (companyWide ? t("allCommunities") : t("readOnly"));
  return (
    <div className="space-y-4 print:space-y-2">
      <PageHeader
        title={t("title")}
        subtitle={
          <>
            {`${year} · `}
            <span {...(chosen ? { "data-user-text": "" } : {})}>{scopeName}</span>
          </>
        }
        actions={
          <div className="flex gap-2 print:hidden">
            <CsvDownload
              href={`/staff/finance/csv?${query}`}
              className="rounded-md px-3 py-2 text-sm text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50"
              label={t("csv")}
            />
            <PrintButton label={t("print")} />
          </div>
        }
      />
      <FinanceFilter year={year} thisYear={thisYear} options={options} chosen={chosen} companyWide={companyWide} />
      <div className="grid gap-3 sm:grid-cols-3">
        <Stat label={`${t("pnl.income")} · ${t("bva.ytdShort")}`} value={money(pnl.incomeFen)} />
        <Stat label={`${t("pnl.expense")} · ${t("bva.ytdShort")}`} value={money(pnl.expenseFen)} />
        <Stat
          label={`${t("pnl.net")} · ${t("bva.ytdShort")}`}
          value={<span data-testid="net">{money(pnl.netFen)}</span>}
        />
      </div>
      <Card title={t("chart.title")} className="break-inside-avoid">
        <FinanceChart
          data={chart}
          labels={{
            incomeBudget: t("chart.incomeBudget"),
            incomeActual: t("chart.incomeActual"),
            expenseBudget: t("chart.expenseBudget"),
            expenseActual: t("chart.expenseActual"),
          }}
        />
      </Card>
      <BvaCard bva={bva} year={year} money={money} />
      <MonthlyCard bva={bva} year={year} money={money} />
      <PnlCard pnl={pnl} year={year} ytdTo={ytdTo} money={money} />
    </div>
  );
}

async function FinanceFilter({
  year,
  thisYear,
  options,
  chosen,
  companyWide,
}: {
  year: number;
  thisYear: number;
  options: Scope["options"];
  chosen: Scope["chosen"];
  companyWide: boolean;
}) {
  const t = await getTranslations("finance");
  return (
    <FilterCard submitLabel={t("show")} className="print:hidden">
      <FilterInput
        label={t("year")}
        type="number"
        name="year"
        defaultValue={year}
        min={thisYear - 10}
        max={thisYear + 10}
        className="w-28"
      />
      <FilterSelect
        label={t("community")}
        name="community"
        defaultValue={chosen?.id ?? ""}
        allLabel={companyWide ? t("allCommunities") : t("readOnly")}
        options={communityOptions(options)}
      />
    </FilterCard>
  );
}

async function BvaCard({ bva, year, money }: { bva: Bva; year: number; money: Money }) {
  const t = await getTranslations("finance");
  return (
    <Card title={t("bva.title", { year })}>
      {bva.rows.length === 0 ? (
        <EmptyState>{t("bva.empty")}</EmptyState>
      ) : (
        <Table
          head={[
            t("bva.category"),
            `${t("bva.budget")} · ${t("bva.ytdShort")}`,
            `${t("bva.actual")} · ${t("bva.ytdShort")}`,
            t("bva.variance"),
            t("bva.variancePct"),
            `${t("bva.budget")} · ${t("bva.yearTotal")}`,
            `${t("bva.actual")} · ${t("bva.yearTotal")}`,
            t("bva.variancePct"),
          ]}
        >
          {(["income", "expense"] as const).flatMap((kind) => [
            <tr key={`h-${kind}`} className="bg-slate-50">
              <td colSpan={8} className="font-semibold">
                {t(`kind.${kind}`)}
              </td>
            </tr>,
            ...bva.rows
              .filter((r) => r.kind === kind)
              .map((r) => (
                <tr key={r.categoryId} data-testid={`bva-${r.code}`}>
                  <td data-user-text>{categoryLabel(t, r.code, r.name)}</td>
                  <td className="tabular-nums">{money(r.ytd.budget)}</td>
                  <td className="tabular-nums">{money(r.ytd.actual)}</td>
                  <td className="tabular-nums">
                    <VarCell v={r.ytd} kind={kind} money={money} />
                  </td>
                  <td className="tabular-nums">{pct(r.ytd)}</td>
                  <td className="tabular-nums">{money(r.year.budget)}</td>
                  <td className="tabular-nums">{money(r.year.actual)}</td>
                  <td className="tabular-nums">{pct(r.year)}</td>
                </tr>
              )),
            <tr key={`t-${kind}`} className="font-semibold">
              <td>{t(kind === "income" ? "bva.totalIncome" : "bva.totalExpense")}</td>
              <td className="tabular-nums">{money(bva[kind].ytd.budget)}</td>
              <td className="tabular-nums">{money(bva[kind].ytd.actual)}</td>
              <td className="tabular-nums">
                <VarCell v={bva[kind].ytd} kind={kind} money={money} />
              </td>
              <td className="tabular-nums">{pct(bva[kind].ytd)}</td>
              <td className="tabular-nums">{money(bva[kind].year.budget)}</td>
              <td className="tabular-nums">{money(bva[kind].year.actual)}</td>
              <td className="tabular-nums">{pct(bva[kind].year)}</td>
            </tr>,
          ])}
        </Table>
      )}
      <p className="mt-2 text-xs text-slate-500">{t("bva.ytd", { month: bva.ytdMonths })}</p>
    </Card>
  );
}

async function MonthlyCard({ bva, year, money }: { bva: Bva; year: number; money: Money }) {
  const t = await getTranslations("finance");
  return (
    <Card title={t("bva.monthly")} className="break-before-page">
      <Table
        head={[
          t("bva.month"),
          `${t("kind.income")} · ${t("bva.budget")}`,
          t("bva.actual"),
          t("bva.variance"),
          t("bva.variancePct"),
          `${t("kind.expense")} · ${t("bva.budget")}`,
          t("bva.actual"),
          t("bva.variance"),
          t("bva.variancePct"),
          t("pnl.net"),
        ]}
      >
        {MONTHS.map((m, i) => (
          <tr key={m} data-testid={`month-${m}`}>
            <td>{`${year}-${m}`}</td>
            <td className="tabular-nums">{money(bva.income.months[i].budget)}</td>
            <td className="tabular-nums">{money(bva.income.months[i].actual)}</td>
            <td className="tabular-nums">
              <VarCell v={bva.income.months[i]} kind="income" money={money} />
            </td>
            <td className="tabular-nums">{pct(bva.income.months[i])}</td>
            <td className="tabular-nums">{money(bva.expense.months[i].budget)}</td>
            <td className="tabular-nums" data-testid={`expense-actual-${m}`}>
              {money(bva.expense.months[i].actual)}
            </td>
            <td className="tabular-nums">
              <VarCell v={bva.expense.months[i]} kind="expense" money={money} />
            </td>
            <td className="tabular-nums">{pct(bva.expense.months[i])}</td>
            <td className="tabular-nums">{money(bva.income.months[i].actual - bva.expense.months[i].actual)}</td>
          </tr>
        ))}
      </Table>
    </Card>
  );
}

async function PnlCard({ pnl, year, ytdTo, money }: { pnl: Pnl; year: number; ytdTo: string; money: Money }) {
  const t = await getTranslations("finance");
  return (
    <Card title={t("pnl.title", { from: `${year}-01-01`, to: ytdTo })} className="break-inside-avoid">
      <div className="grid gap-6 sm:grid-cols-2">
        {(["income", "expense"] as const).map((kind) => (
          <div key={kind}>
            <h3 className="mb-2 text-sm font-semibold">{t(`pnl.${kind}`)}</h3>
            <ul className="divide-y divide-slate-100 text-sm">
              {pnl[kind].length === 0 ? <li className="py-1 text-slate-500">{t("pnl.none")}</li> : null}
              {pnl[kind].map((r) => (
                <li key={r.categoryId} className="flex justify-between py-1">
                  <span data-user-text>{categoryLabel(t, r.code, r.name)}</span>
                  <span className="tabular-nums">{money(r.fen)}</span>
                </li>
              ))}
              <li className="flex justify-between py-1 font-semibold">
                <span>{t(kind === "income" ? "bva.totalIncome" : "bva.totalExpense")}</span>
                <span className="tabular-nums">{money(kind === "income" ? pnl.incomeFen : pnl.expenseFen)}</span>
              </li>
            </ul>
          </div>
        ))}
      </div>
      <p className="mt-3 flex justify-between border-t border-slate-200 pt-2 text-sm font-semibold">
        <span>{t("pnl.net")}</span>
        <span className="tabular-nums">{money(pnl.netFen)}</span>
      </p>
    </Card>
  );
}
