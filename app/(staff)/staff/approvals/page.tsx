import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { RequestStatusBadge } from "@/components/approvals/status-badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { communityOptions, FilterCard, FilterSelect } from "@/components/ui/filter-card";
import { Table } from "@/components/ui/table";
import { REQUEST_STATUSES, REQUEST_TYPES } from "@/db/schema/approvals";
import { ALL_REQUESTS_ROLES, CHAIN_ADMIN_ROLES, loadActorFacts } from "@/lib/approvals/access";
import { allRequests, myRequests, waitingFor, type RequestListRow } from "@/lib/approvals/queries";
import { hasAnyRole, STAFF_ROLES } from "@/lib/auth/roles";
import { requireUser } from "@/app/_lib/session";
import { listCommunityOptions } from "@/lib/registry/directory";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime, formatFen } from "@/lib/i18n/format";

export async function generateMetadata() {
  return { title: (await getTranslations("approvals"))("title") };
}

const TABS = ["mine", "waiting", "all"] as const;

/** My requests, waiting for me (scoped to the steps I may decide), all requests (finance, admin) with filters. */
export default async function ApprovalsPage({
  searchParams,
}: {
  searchParams: Promise<{ tab?: string; status?: string; type?: string; community?: string }>;
}) {
  const user = await requireUser(STAFF_ROLES);
  const sp = await searchParams;
  const t = await getTranslations("approvals");
  const locale = (await getLocale()) as Locale;
  const db = getDb();
  const seesAll = hasAnyRole(user.roles, ALL_REQUESTS_ROLES);
  const tabs = TABS.filter((x) => x !== "all" || seesAll);
  const tab = tabs.find((x) => x === sp.tab) ?? "mine";
  const facts = await loadActorFacts(db, user.companyId, user.id, user.roles);
  const waiting = await waitingFor(db, user.companyId, facts);
  const status = (REQUEST_STATUSES as readonly string[]).includes(sp.status ?? "") ? sp.status : undefined;
  const type = (REQUEST_TYPES as readonly string[]).includes(sp.type ?? "") ? sp.type : undefined;
  const communities = tab === "all" ? await listCommunityOptions(db, user.companyId) : [];
  const communityId = communities.find((c) => String(c.id) === sp.community)?.id;
  const rows: RequestListRow[] =
    tab === "mine"
      ? await myRequests(db, user.companyId, user.id)
      : tab === "waiting"
        ? waiting
        : await allRequests(db, user.companyId, { status, type, communityId });
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        actions={<ApprovalsActions chainAdmin={hasAnyRole(user.roles, CHAIN_ADMIN_ROLES)} />}
      />
      <ApprovalsTabs tabs={tabs} tab={tab} waitingCount={waiting.length} />
      {tab === "all" ? (
        <AllRequestsFilter status={status} type={type} communityId={communityId} communities={communities} />
      ) : null}
      <RequestsCard rows={rows} locale={locale} timeZone={user.timeZone} />
    </div>
  );
}

async function ApprovalsActions({ chainAdmin }: { chainAdmin: boolean }) {
  const t = await getTranslations("approvals");
  return (
    <div className="flex gap-3">
      {chainAdmin ? (
        <Link
          href="/staff/approvals/settings"
          className="rounded-md px-3 py-2 text-sm text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50"
        >
          {t("settings.link")}
        </Link>
      ) : null}
      <Link
        href="/staff/approvals/new"
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
      >
        {t("new")}
      </Link>
    </div>
  );
}

async function ApprovalsTabs({
  tabs,
  tab,
  waitingCount,
}: {
  tabs: (typeof TABS)[number][];
  tab: (typeof TABS)[number];
  waitingCount: number;
}) {
  const t = await getTranslations("approvals");
  return (
    <nav className="flex flex-wrap gap-2" aria-label={t("title")}>
      {tabs.map((x) => (
        <Link
          key={x}
          href={`/staff/approvals?tab=${x}`}
          aria-current={x === tab ? "page" : undefined}
          className={`rounded-md px-3 py-1.5 text-sm ring-1 ${x === tab ? "bg-brand-600 text-white ring-brand-600" : "bg-white ring-slate-300"}`}
        >
          {t(`tabs.${x}`)}
          {x === "waiting" && waitingCount ? (
            <span className="ml-1 rounded-full bg-red-600 px-1.5 text-xs text-white">{waitingCount}</span>
          ) : null}
        </Link>
      ))}
    </nav>
  );
}

async function AllRequestsFilter({
  status,
  type,
  communityId,
  communities,
}: {
  status: string | undefined;
  type: string | undefined;
  communityId: number | undefined;
  communities: Awaited<ReturnType<typeof listCommunityOptions>>;
}) {
  const t = await getTranslations("approvals");
  return (
    <FilterCard submitLabel={t("filters.apply")}>
      <input type="hidden" name="tab" value="all" />
      <FilterSelect
        label={t("filters.status")}
        name="status"
        defaultValue={status ?? ""}
        allLabel={t("filters.all")}
        options={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
      />
      <FilterSelect
        label={t("filters.type")}
        name="type"
        defaultValue={type ?? ""}
        allLabel={t("filters.all")}
        options={REQUEST_TYPES.map((s) => ({ value: s, label: t(`type.${s}`) }))}
      />
      <FilterSelect
        label={t("filters.community")}
        name="community"
        defaultValue={communityId ?? ""}
        allLabel={t("filters.all")}
        options={communityOptions(communities)}
      />
    </FilterCard>
  );
}

async function RequestsCard({ rows, locale, timeZone }: { rows: RequestListRow[]; locale: Locale; timeZone: string }) {
  const t = await getTranslations("approvals");
  const tr = await getTranslations("roles");
  return (
    <Card title={t("list.count", { count: rows.length })}>
      {rows.length === 0 ? (
        <EmptyState>{t("list.empty")}</EmptyState>
      ) : (
        <Table
          head={[
            t("list.id"),
            t("fields.type"),
            t("list.subject"),
            t("fields.community"),
            t("list.requester"),
            t("list.amount"),
            t("list.status"),
            t("list.current"),
            t("list.submittedAt"),
          ]}
        >
          {rows.map((r) => (
            <tr key={r.id} data-testid={`request-${r.id}`}>
              <td className="font-mono">
                <Link href={`/staff/approvals/${r.id}`} className="text-brand-700 hover:underline">
                  #{r.id}
                </Link>
              </td>
              <td className="whitespace-nowrap">{t(`type.${r.type}`)}</td>
              <td>
                <Link href={`/staff/approvals/${r.id}`} className="hover:underline">
                  <span data-user-text>{r.title}</span>
                </Link>
              </td>
              <td>{r.communityName}</td>
              <td>{r.requesterName}</td>
              <td className="tabular-nums whitespace-nowrap">{r.amountFen ? formatFen(r.amountFen, locale) : "—"}</td>
              <td>
                <RequestStatusBadge status={r.status} />
              </td>
              <td>{r.status === "pending" && r.currentRole ? tr(r.currentRole as "supervisor") : "—"}</td>
              <td className="whitespace-nowrap text-xs text-slate-500">
                {r.submittedAt ? formatDateTime(r.submittedAt, locale, timeZone) : "—"}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
