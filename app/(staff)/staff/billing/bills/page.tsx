import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader, Stat } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { BILLING_ROLES } from "@/lib/billing/access";
import { BILL_STATUSES, companyBuildings, listBills, type BillStatus } from "@/lib/billing/queries/bills";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";
import { isMonth } from "@/lib/time/calendar";
import { localDate } from "@/lib/time/zone";

type Search = { month?: string; status?: string; building?: string; page?: string };
const positive = (v: string | undefined) => (v && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined);

export async function generateMetadata() {
  return { title: (await getTranslations("billing.bills"))("title") };
}

const select = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

/** Bills of a month by status and building, with totals; batch print per building. */
export default async function BillsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser(BILLING_ROLES);
  const sp = await searchParams;
  const t = await getTranslations("billing");
  const format = await getFormatter();
  const locale = (await getLocale()) as Locale;
  const money = (fen: number) => formatFen(fen, locale);
  const db = getDb();
  const month = sp.month && isMonth(sp.month) ? sp.month : localDate(new Date(), user.timeZone).slice(0, 7);
  const status = (BILL_STATUSES as readonly string[]).includes(sp.status ?? "") ? (sp.status as BillStatus) : undefined;
  const buildingId = positive(sp.building);
  const [result, buildingRows] = await Promise.all([
    listBills(db, user.companyId, { period: month, status, buildingId, page: positive(sp.page) }),
    companyBuildings(db, user.companyId),
  ]);
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const link = (page: number) => {
    const params = new URLSearchParams({ month, page: String(page) });
    if (status) params.set("status", status);
    if (buildingId) params.set("building", String(buildingId));
    return `/staff/billing/bills?${params}`;
  };
  return (
    <div className="space-y-4">
      <PageHeader title={t("bills.title")} subtitle={t("bills.subtitle")} />
      <BillsFilter month={month} status={status} buildingId={buildingId} buildingRows={buildingRows} />
      <div className="grid gap-3 sm:grid-cols-3">
        <Stat label={t("bills.billed")} value={money(result.sums.amountFen)} />
        <Stat label={t("bills.collected")} value={money(result.sums.allocatedFen)} />
        <Stat
          label={t("reports.rate")}
          value={
            result.sums.amountFen > 0
              ? format.number(result.sums.allocatedFen / result.sums.amountFen, {
                  style: "percent",
                  maximumFractionDigits: 1,
                })
              : "—"
          }
        />
      </div>
      <Card title={t("bills.count", { count: result.total })}>
        {result.rows.length === 0 ? (
          <EmptyState>{t("bills.noBills")}</EmptyState>
        ) : (
          <>
            <BillRows rows={result.rows} money={money} />
            {pages > 1 ? (
              <nav className="mt-3 flex items-center justify-between text-sm">
                {result.page > 1 ? (
                  <Link href={link(result.page - 1)} className="text-brand-700 hover:underline">
                    ← {t("common.previous")}
                  </Link>
                ) : (
                  <span />
                )}
                <span className="text-slate-500">{t("common.pageOf", { page: result.page, pages })}</span>
                {result.page < pages ? (
                  <Link href={link(result.page + 1)} className="text-brand-700 hover:underline">
                    {t("common.next")} →
                  </Link>
                ) : (
                  <span />
                )}
              </nav>
            ) : null}
          </>
        )}
      </Card>
    </div>
  );
}

async function BillsFilter({
  month,
  status,
  buildingId,
  buildingRows,
}: {
  month: string;
  status: BillStatus | undefined;
  buildingId: number | undefined;
  buildingRows: Awaited<ReturnType<typeof companyBuildings>>;
}) {
  const t = await getTranslations("billing");
  return (
    <Card>
      <form method="get" className="grid gap-3 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("bills.month")}</span>
          <input type="month" name="month" defaultValue={month} className={select} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("common.status")}</span>
          <select name="status" defaultValue={status ?? ""} className={select}>
            <option value="">{t("common.all")}</option>
            {BILL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("common.building")}</span>
          <select name="building" defaultValue={buildingId ?? ""} className={select}>
            <option value="">{t("common.all")}</option>
            {buildingRows.map((b) => (
              <option key={b.id} value={b.id} data-user-text>
                {b.communityName} {b.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          {t("bills.filter")}
        </button>
      </form>
      {buildingId ? (
        <Link
          href={`/staff/billing/print/building/${buildingId}`}
          className="mt-3 inline-block text-sm text-brand-700 hover:underline"
        >
          {t("bills.printBuilding")} →
        </Link>
      ) : null}
    </Card>
  );
}

async function BillRows({
  rows,
  money,
}: {
  rows: Awaited<ReturnType<typeof listBills>>["rows"];
  money: (fen: number) => string;
}) {
  const t = await getTranslations("billing");
  return (
    <Table
      head={[
        t("common.household"),
        t("common.unit"),
        t("common.dueDate"),
        t("common.amount"),
        t("common.paid"),
        t("common.status"),
      ]}
    >
      {rows.map((b) => (
        <tr key={b.id}>
          <td>
            <Link
              href={`/staff/billing/households/${b.householdId}`}
              className="font-medium text-brand-700 hover:underline"
              data-user-text
            >
              {b.householdName}
            </Link>
          </td>
          <td className="font-mono">{b.buildingCode ? `${b.buildingCode}-${b.unitNumber}` : "—"}</td>
          <td>{b.dueDate}</td>
          <td className="tabular-nums">{money(b.amountFen)}</td>
          <td className="tabular-nums">{money(b.allocatedFen)}</td>
          <td>{t(`status.${b.status}`)}</td>
        </tr>
      ))}
    </Table>
  );
}
