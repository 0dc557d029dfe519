import { cookies } from "next/headers";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import { OrderTitleWith, OverdueBadgeWith, StatusBadgeWith, type RootT } from "@/components/tickets/order-bits";
import { RememberFilters } from "@/components/tickets/remember-filters";
import { SlaCountdownWith } from "@/components/tickets/sla-countdown";
import { OrderCards } from "@/components/tickets/order-cards";
import { ByWidth } from "@/components/ui/by-width";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { WORK_ORDER_TYPES } from "@/db/schema/tickets";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import { INTAKE_ROLES, loadOrderScope, ORDER_STAFF_ROLES, TRIAGE_ROLES } from "@/lib/tickets/access";
import { listOrders } from "@/lib/tickets/queries";
import type { OrderFilters } from "@/lib/tickets/queue";
import { DEFECT_TEXT_KEY } from "@/lib/field/inspection-rules";
import { isOverdue } from "@/lib/tickets/rules";
import { defaultQueueTab } from "@/lib/tickets/queue-rules";
import { orderFilterSchema } from "@/lib/tickets/schemas";
import { dayBounds, localDate } from "@/lib/time/zone";
import { ASSIGN_ROLES, assignableStaff } from "@/lib/tickets/assign";
import { BulkAssignForm } from "@/components/tickets/bulk-bar";
import { bulkAcceptAction, bulkOrdersAction } from "./actions";

const startOfToday = (now: Date, timeZone: string) => dayBounds(localDate(now, timeZone), timeZone).start;

type Search = {
  tab?: string;
  type?: string;
  status?: string;
  overdue?: string;
  unaccepted?: string;
  assignee?: string;
  since?: string;
  origin?: string;
  page?: string;
};
const FILTER_KEYS = ["tab", "type", "status", "overdue", "unaccepted", "assignee", "since", "origin"] as const;
const cookieName = (userId: number) => `gj_orders_${userId}`;

export async function generateMetadata() {
  return { title: (await getTranslations("tickets.staff"))("queue") };
}

type OrderList = Awaited<ReturnType<typeof listOrders>>;
type Filter = ReturnType<typeof orderFilterSchema.parse>;

/** The URL's filters as the list query takes them ("mine" = dispatched to me, "since=today" in the company's day). */
function listFilters(f: Filter, tab: string, user: { id: number; timeZone: string }, now: Date): OrderFilters {
  return {
    type: f.type,
    status: f.status ?? "open",
    overdue: f.overdue === "1",
    unaccepted: f.unaccepted === "1",
    assignedTo: tab === "mine" ? user.id : f.assignee,
    awaitingTriage: tab === "triage",
    createdFrom: f.since === "today" ? startOfToday(now, user.timeZone) : undefined,
    textKey: f.origin === "inspection" ? DEFECT_TEXT_KEY : undefined,
    page: f.page,
  };
}

/** The filters of this visit: the URL's, or (opened without any) the ones this user last chose here. */
async function chosenFilters(userId: number, sp: Search): Promise<Search> {
  if (FILTER_KEYS.some((k) => sp[k])) return sp;
  const saved = (await cookies()).get(cookieName(userId))?.value;
  if (!saved) return sp;
  const params = new URLSearchParams(saved);
  return { ...Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined])), page: sp.page };
}

export default async function OrdersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser(ORDER_STAFF_ROLES);
  const sp = await chosenFilters(user.id, await searchParams);
  const f = orderFilterSchema.parse(sp);
  const t = await getTranslations("tickets");
  const locale = (await getLocale()) as Locale;
  const db = getDb();
  const canTriage = user.roles.some((r) => TRIAGE_ROLES.includes(r));
  const tab =
    sp.tab === "mine" || sp.tab === "scope" || (sp.tab === "triage" && canTriage)
      ? sp.tab
      : defaultQueueTab(user.roles);
  const scope = await loadOrderScope(db, user.companyId, user);
  const now = new Date();
  const canAssign = user.roles.some((r) => (ASSIGN_ROLES as readonly string[]).includes(r));
  const [result, staff] = await Promise.all([
    listOrders(db, user.companyId, scope, listFilters(f, tab, user, now), now),
    canAssign ? assignableStaff(db, user.companyId) : null,
  ]);
  const link = (patch: Partial<Search>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...sp, ...patch })) if (v) params.set(k, v);
    return `/staff/orders?${params}`;
  };
  const remembered = new URLSearchParams();
  for (const k of FILTER_KEYS) if (k === "tab" ? tab : sp[k]) remembered.set(k, k === "tab" ? tab : sp[k]!);
  const tabs = [
    ["mine", t("staff.mine")],
    ["scope", t("staff.scope")],
    ...(canTriage ? [["triage", t("staff.triage")]] : []),
  ] as const;
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  return (
    <div className="space-y-4">
      <RememberFilters name={cookieName(user.id)} value={remembered.toString()} />
      <PageHeader
        title={t("staff.queue")}
        subtitle={t("staff.queueSubtitle")}
        actions={user.roles.some((r) => INTAKE_ROLES.includes(r)) ? <NewOrderLink /> : null}
      />
      <nav className="flex gap-1 border-b border-slate-200 text-sm">
        {tabs.map(([key, label]) => (
          <Link
            key={key}
            href={`/staff/orders?tab=${key}`}
            aria-current={tab === key ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 ${tab === key ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600"}`}
          >
            {label}
          </Link>
        ))}
      </nav>
      <OrdersFilter tab={tab} f={f} />
      <Card
        title={
          <span data-testid="result-count" data-count={result.total}>
            {t("common.resultCount", { count: result.total })}
          </span>
        }
      >
        {result.rows.length === 0 ? (
          <EmptyState>{t("staff.empty")}</EmptyState>
        ) : (
          <ByWidth
            wide={<OrdersTable rows={result.rows} now={now} locale={locale} timeZone={user.timeZone} staff={staff} />}
            narrow={<OrderCards rows={result.rows} now={now} locale={locale} timeZone={user.timeZone} />}
          />
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

async function OrdersFilter({ tab, f }: { tab: string; f: Filter }) {
  const t = await getTranslations("tickets");
  return (
    <Card>
      <form method="get" className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="tab" value={tab} />
        {f.assignee ? <input type="hidden" name="assignee" value={f.assignee} /> : null}
        {f.since ? <input type="hidden" name="since" value={f.since} /> : null}
        {f.origin ? <input type="hidden" name="origin" value={f.origin} /> : null}
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
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input
            type="checkbox"
            name="unaccepted"
            value="1"
            defaultChecked={f.unaccepted === "1"}
            className="accent-brand-600"
          />
          {t("staff.unacceptedOnly")}
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">
          {t("common.filter")}
        </button>
      </form>
    </Card>
  );
}

/** Orders a supervisor/PM/admin/front desk may hand out (not yet accepted); the server checks again. */
const assignable = (o: OrderList["rows"][number]) =>
  o.status === "triaged" || o.status === "assigned" || (o.status === "submitted" && o.type !== "complaint");

async function OrdersTable({
  rows,
  now,
  locale,
  timeZone,
  staff,
}: {
  rows: OrderList["rows"];
  now: Date;
  locale: Locale;
  timeZone: string;
  /** The people orders can be handed to, when the viewer may hand out orders. */
  staff: Awaited<ReturnType<typeof assignableStaff>> | null;
}) {
  const t = await getTranslations("tickets");
  const tr = await getTranslations();
  const sep = tr("common.listSeparator");
  const selectable = (o: OrderList["rows"][number]) => Boolean(o.acceptable) || (staff !== null && assignable(o));
  const bulk = rows.some(selectable);
  const table = (
    <Table
      head={[
        "#",
        t("common.type"),
        t("common.description"),
        t("common.household"),
        t("common.status"),
        t("sla.column"),
        t("common.assignees"),
        t("common.createdAt"),
      ]}
    >
      {rows.map((o) => (
        <OrderRow
          key={o.id}
          o={o}
          now={now}
          locale={locale}
          timeZone={timeZone}
          selectable={selectable(o)}
          t={t}
          tr={tr}
          sep={sep}
        />
      ))}
    </Table>
  );
  if (!bulk) return table;
  if (staff)
    return (
      <BulkAssignForm action={bulkOrdersAction} staff={staff} canAccept={rows.some((o) => o.acceptable)}>
        {table}
      </BulkAssignForm>
    );
  return (
    <ActionForm action={bulkAcceptAction} testId="bulk-accept">
      {table}
      <FieldError name="ids" />
      <button type="submit" className="mt-3 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">
        {t("staff.bulkAccept")}
      </button>
    </ActionForm>
  );
}

/** One row of the dense table (the phone gets OrderCards instead), with the table's translators. */
function OrderRow({
  o,
  now,
  locale,
  timeZone,
  selectable,
  t,
  tr,
  sep,
}: {
  o: OrderList["rows"][number];
  now: Date;
  locale: Locale;
  timeZone: string;
  selectable: boolean;
  t: Awaited<ReturnType<typeof getTranslations<"tickets">>>;
  tr: RootT;
  sep: string;
}) {
  return (
    <tr className={isOverdue(o, now) ? "bg-red-50 text-red-900" : ""} data-testid={`order-row-${o.id}`}>
      <td className="whitespace-nowrap tabular-nums">
        {selectable ? (
          <input
            type="checkbox"
            name="ids"
            value={o.id}
            aria-label={t("staff.selectOrder", { id: o.id })}
            className="mr-2 accent-brand-600"
          />
        ) : null}
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
          <OrderTitleWith order={o} t={tr} />
        </Link>
      </td>
      <td>
        <span data-user-text>{o.householdName ?? "—"}</span>
        {o.buildingCode ? <div className="font-mono text-xs">{`${o.buildingCode}-${o.unitNumber}`}</div> : null}
      </td>
      <td className="whitespace-nowrap">
        <StatusBadgeWith status={o.status} t={tr} />
        <OverdueBadgeWith order={o} now={now} t={tr} />
      </td>
      <td>
        <SlaCountdownWith order={o} now={now} t={tr} />
      </td>
      <td className="text-xs" data-user-text>
        {o.assignees?.split("\u001f").join(sep) ?? "—"}
      </td>
      <td className="whitespace-nowrap text-xs tabular-nums">{formatDateTime(o.createdAt, locale, timeZone)}</td>
    </tr>
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
