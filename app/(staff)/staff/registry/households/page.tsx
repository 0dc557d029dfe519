import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { InactiveBadge } from "@/components/registry/status-badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { REGISTRY_EDIT_ROLES, REGISTRY_VIEW_ROLES } from "@/lib/registry/access";
import { listCommunityOptions } from "@/lib/registry/directory";
import { searchHouseholds } from "@/lib/registry/households";
import { BandBadgeWith } from "@/components/crm/band-badge";
import { householdBadges } from "@/lib/crm/gold/badges";
import { browsableCommunityIds } from "@/lib/registry/browse";
import { loadRegistryView } from "@/lib/registry/view";
import { localDate } from "@/lib/time/zone";

type Search = { q?: string; community?: string; butler?: string; inactive?: string; page?: string };

const positive = (v: string | undefined) => (v && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined);

export async function generateMetadata() {
  return { title: (await getTranslations("registry"))("householdsTitle") };
}

type Result = Awaited<ReturnType<typeof searchHouseholds>>;

export default async function HouseholdsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser(REGISTRY_VIEW_ROLES);
  const sp = await searchParams;
  const t = await getTranslations("registry");
  const format = await getFormatter();
  const db = getDb();
  const view = await loadRegistryView(db, user.companyId, { userId: user.id, roles: user.roles });
  const visible = await browsableCommunityIds(db, user.companyId, view);
  const filters = {
    q: sp.q?.slice(0, 100),
    communityId: positive(sp.community),
    butlerId: positive(sp.butler),
    includeInactive: sp.inactive === "1",
    page: positive(sp.page),
  };
  const [result, communityOptions] = await Promise.all([
    searchHouseholds(db, user.companyId, view, filters),
    visible === "all" || visible.length ? listCommunityOptions(db, user.companyId, visible) : Promise.resolve([]),
  ]);
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const badges = await householdBadges(
    db,
    user.companyId,
    result.rows.map((h) => h.id),
    localDate(new Date(), user.timeZone),
  );
  const link = (page: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...sp, page: String(page) })) if (v) params.set(k, v);
    return `/staff/registry/households?${params}`;
  };
  const canCreate = user.roles.some((r) => REGISTRY_EDIT_ROLES.includes(r));
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("householdsTitle")}
        subtitle={t("householdsSubtitle")}
        actions={canCreate ? <CreateHouseholdLink /> : null}
      />
      <HouseholdSearch filters={filters} communityOptions={communityOptions} />
      <Card title={t("resultCount", { count: result.total })}>
        {result.rows.length === 0 ? (
          <EmptyState>{filters.q ? t("noMatches") : t("noHouseholds")}</EmptyState>
        ) : (
          <>
            <HouseholdRows rows={result.rows} badges={badges} />
            {pages > 1 ? (
              <nav aria-label={t("pagination")} className="mt-3 flex items-center justify-between text-sm">
                {result.page > 1 ? (
                  <Link href={link(result.page - 1)} className="text-brand-700 hover:underline">
                    ← {t("previous")}
                  </Link>
                ) : (
                  <span />
                )}
                <span className="text-slate-500">
                  {t("pageOf", { page: format.number(result.page), pages: format.number(pages) })}
                </span>
                {result.page < pages ? (
                  <Link href={link(result.page + 1)} className="text-brand-700 hover:underline">
                    {t("next")} →
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

async function CreateHouseholdLink() {
  const t = await getTranslations("registry");
  return (
    <Link
      href="/staff/registry/households/new"
      className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
    >
      {t("createHousehold")}
    </Link>
  );
}

async function HouseholdSearch({
  filters,
  communityOptions,
}: {
  filters: { q?: string; communityId?: number; butlerId?: number; includeInactive: boolean };
  communityOptions: Awaited<ReturnType<typeof listCommunityOptions>>;
}) {
  const t = await getTranslations("registry");
  return (
    <Card>
      <form method="get" role="search" className="grid gap-3 sm:grid-cols-[2fr_1fr_auto_auto] sm:items-end">
        <div>
          <label htmlFor="q" className="mb-1 block text-sm font-medium text-slate-700">
            {t("search")}
          </label>
          <input
            id="q"
            name="q"
            defaultValue={filters.q}
            placeholder={t("searchPlaceholder")}
            className="block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm sm:text-sm"
          />
        </div>
        <div>
          <label htmlFor="community" className="mb-1 block text-sm font-medium text-slate-700">
            {t("community")}
          </label>
          <select
            id="community"
            name="community"
            defaultValue={filters.communityId ?? ""}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            <option value="">{t("allCommunities")}</option>
            {communityOptions.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input
            type="checkbox"
            name="inactive"
            value="1"
            defaultChecked={filters.includeInactive}
            className="accent-brand-600"
          />
          {t("includeInactive")}
        </label>
        {filters.butlerId ? <input type="hidden" name="butler" value={filters.butlerId} /> : null}
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          {t("searchButton")}
        </button>
      </form>
    </Card>
  );
}

async function HouseholdRows({
  rows,
  badges,
}: {
  rows: Result["rows"];
  badges: Awaited<ReturnType<typeof householdBadges>>;
}) {
  const [t, crmT] = await Promise.all([getTranslations("registry"), getTranslations("crm")]);
  return (
    <Table head={[t("household"), t("unit"), t("community"), t("phone"), t("butler"), t("code")]}>
      {rows.map((h) => (
        <tr key={h.id} className={h.active ? "" : "text-slate-400"}>
          <td>
            <Link href={`/staff/registry/households/${h.id}`} className="font-medium text-brand-700 hover:underline">
              {h.name}
            </Link>
            <span className="ml-2 text-xs text-slate-500">{t(`kind.${h.kind}`)}</span>
            <InactiveBadge active={h.active} />
            {badges.has(h.id) ? (
              <span className="ml-2">
                <BandBadgeWith
                  band={badges.get(h.id)!.band}
                  score={badges.get(h.id)!.score}
                  gold={badges.get(h.id)!.gold}
                  compact
                  t={crmT}
                />
              </span>
            ) : null}
          </td>
          <td className="whitespace-nowrap font-mono">{h.buildingCode ? `${h.buildingCode}-${h.unitNumber}` : "—"}</td>
          <td>{h.communityName ?? "—"}</td>
          <td className="tabular-nums">{h.phone ?? "—"}</td>
          <td>{h.butlerName ?? <span className="text-amber-700">{t("unassigned")}</span>}</td>
          <td className="font-mono text-xs">{h.code}</td>
        </tr>
      ))}
    </Table>
  );
}
