import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { OrderTitle, OverdueBadge, StatusBadge } from "@/components/tickets/order-bits";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { WORK_ORDER_TYPES } from "@/db/schema/tickets";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import { INTAKE_ROLES, loadOrderScope, ORDER_STAFF_ROLES, TRIAGE_ROLES } from "@/lib/tickets/access";
import { listOrders } from "@/lib/tickets/queries";
import { isOverdue } from "@/lib/tickets/rules";
import { orderFilterSchema } from "@/lib/tickets/schemas";

type Search = { tab?: string; type?: string; status?: string; overdue?: string; page?: string };

export async function generateMetadata() {
  return { title: (await getTranslations("tickets.staff"))("queue") };
}

type OrderList = Awaited<ReturnType<typeof listOrders>>;

export default async function OrdersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser(ORDER_STAFF_ROLES);
  const sp = await searchParams;
  const f = orderFilterSchema.parse(sp);
  const t = await getTranslations("tickets");
  const locale = (await getLocale()) as Locale;
  const db = getDb();
  const canTriage = user.roles.some((r) => TRIAGE_ROLES.includes(r));
  const tab = sp.tab === "scope" || (sp.tab === "triage" && canTriage) ? sp.tab : "mine";
  const scope = await loadOrderScope(db, user.companyId, user);
  const now = new Date();
  const result = await listOrders(
    db,
    user.companyId,
    scope,
    {
      type: f.type,
      status: f.status ?? "open",
      overdue: f.overdue === "1",
      assignedTo: tab === "mine" ? user.id : undefined,
      awaitingTriage: tab === "triage",
      page: f.page,
    },
    now,
  );
  const link = (patch: Partial<Search>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...sp, ...patch })) if (v) params.set(k, v);
    return `/staff/orders?${params}`;
  };
  const tabs = [
    ["mine", t("staff.mine")],
    ["scope", t("staff.scope")],
    ...(canTriage ? [["triage", t("staff.triage")]] : []),
  ] as const;
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("staff.queue")}
        subtitle={t("staff.queueSubtitle")}
        actions={user.roles.some((r) => INTAKE_ROLES.includes(r)) ? <NewOrderLink /> : null}
      />
      <nav className="flex gap-1 border-b border-slate-200 text-sm">
        {tabs.map(([key, label]) => (
          <Link
            key={key}
            href={link({ tab: key, page: undefined })}
            aria-current={tab === key ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 ${tab === key ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600"}`}
          >
            {label}
          </Link>
        ))}
      </nav>
      <OrdersFilter tab={tab} f={f} />
      <Card title={t("common.resultCount", { count: result.total })}>
        {result.rows.length === 0 ? (
          <EmptyState>{t("staff.empty")}</EmptyState>
        ) : (
          <OrdersTable rows={result.rows} now={now} locale={locale} timeZone={user.timeZone} />
        )}
        {pages > 1 ? (
          <OrdersPager
            page={result.page}
            pages={pages}
            previous={link({ page: String(result.page - 1) })}
            next={link({ page: String(result.page + 1) })}
          />
        ) : null}
      </Card>
    </div>
  );
}

async function OrdersFilter({ tab, f }: { tab: string; f: ReturnType<typeof orderFilterSchema.parse> }) {
  const t = await getTranslations("tickets");
  return (
    <Card>
      <form method="get" className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="tab" value={tab} />
        <div>
          <label htmlFor="type" className="mb-1 block text-sm font-medium text-slate-700">
            {t("common.type")}
          </label>
          <select
            id="type"
            name="type"
            defaultValue={f.type ?? ""}
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            <option value="">{t("common.all")}</option>
            {WORK_ORDER_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`type.${ty}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="status" className="mb-1 block text-sm font-medium text-slate-700">
            {t("common.status")}
          </label>
          <select
            id="status"
            name="status"
            defaultValue={f.status ?? "open"}
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            <option value="open">{t("common.open")}</option>
            <option value="closed">{t("common.closedTab")}</option>
            <option value="all">{t("common.all")}</option>
          </select>
        </div>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input
            type="checkbox"
            name="overdue"
            value="1"
            defaultChecked={f.overdue === "1"}
            className="accent-brand-600"
          />
          {t("staff.overdueOnly")}
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">
          {t("common.filter")}
        </button>
      </form>
    </Card>
  );
}

async function OrdersTable({
  rows,
  now,
  locale,
  timeZone,
}: {
  rows: OrderList["rows"];
  now: Date;
  locale: Locale;
  timeZone: string;
}) {
  const t = await getTranslations("tickets");
  const sep = (await getTranslations("common"))("listSeparator");
  return (
    <Table
      head={[
        "#",
        t("common.type"),
        t("common.description"),
        t("common.household"),
        t("common.status"),
        t("common.assignees"),
        t("common.createdAt"),
      ]}
    >
      {rows.map((o) => (
        <tr key={o.id} className={isOverdue(o, now) ? "bg-red-50 text-red-900" : ""} data-testid={`order-row-${o.id}`}>
          <td className="tabular-nums">
            <Link href={`/staff/orders/${o.id}`} className="font-medium text-brand-700 hover:underline">
              {o.id}
            </Link>
          </td>
          <td className="whitespace-nowrap">
            {t(`type.${o.type}`)}
            {o.classification ? <div className="text-xs">{t(`classification.${o.classification}`)}</div> : null}
          </td>
          <td className="max-w-xs">
            <Link href={`/staff/orders/${o.id}`} className="line-clamp-2 hover:underline">
              <OrderTitle order={o} />
            </Link>
          </td>
          <td>
            {o.householdName ?? "—"}
            {o.buildingCode ? <div className="font-mono text-xs">{`${o.buildingCode}-${o.unitNumber}`}</div> : null}
          </td>
          <td className="whitespace-nowrap">
            <StatusBadge status={o.status} />
            <OverdueBadge order={o} now={now} />
          </td>
          <td className="text-xs" data-user-text>
            {o.assignees?.split("\u001f").join(sep) ?? "—"}
          </td>
          <td className="whitespace-nowrap text-xs tabular-nums">{formatDateTime(o.createdAt, locale, timeZone)}</td>
        </tr>
      ))}
    </Table>
  );
}

async function OrdersPager({
  page,
  pages,
  previous,
  next,
}: {
  page: number;
  pages: number;
  previous: string;
  next: string;
}) {
  const t = await getTranslations("tickets");
  return (
    <nav className="mt-3 flex justify-between text-sm">
      {page > 1 ? <Link href={previous}>← {t("common.previous")}</Link> : <span />}
      <span className="text-slate-500">
        {page} / {pages}
      </span>
      {page < pages ? <Link href={next}>{t("common.next")} →</Link> : <span />}
    </nav>
  );
}

async function NewOrderLink() {
  const t = await getTranslations("tickets");
  return (
    <Link
      href="/staff/orders/new"
      className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
    >
      {t("staff.newOrder")}
    </Link>
  );
}
