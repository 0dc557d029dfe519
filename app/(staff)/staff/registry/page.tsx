import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { CreateCommunityForm } from "@/components/registry/community-form";
import { InactiveBadge } from "@/components/registry/status-badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { COMMUNITY_VIEW_ROLES } from "@/lib/registry/access";
import { listCommunities } from "@/lib/registry/directory";
import { browsableCommunityIds } from "@/lib/registry/browse";
import { loadRegistryView } from "@/lib/registry/view";
import { createCommunityAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("registry"))("communitiesTitle") };
}

export default async function CommunitiesPage() {
  const user = await requireUser(COMMUNITY_VIEW_ROLES);
  const t = await getTranslations("registry");
  const format = await getFormatter();
  const db = getDb();
  const view = await loadRegistryView(db, user.companyId, { userId: user.id, roles: user.roles });
  const rows = await listCommunities(db, user.companyId, await browsableCommunityIds(db, user.companyId, view));
  const canCreate = user.roles.includes("admin") || user.roles.includes("front_desk");
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("communitiesTitle")}
        subtitle={t("communitiesSubtitle")}
        actions={
          <Link href="/staff/registry/households" className="text-sm font-medium text-brand-700 hover:underline">
            {t("findHousehold")} →
          </Link>
        }
      />
      {canCreate ? (
        <Card title={t("createCommunity")}>
          <CreateCommunityForm createCommunityAction={createCommunityAction} />
        </Card>
      ) : null}
      <Card>
        {rows.length === 0 ? (
          <EmptyState>{t("noCommunities")}</EmptyState>
        ) : (
          <Table
            head={[t("communityName"), t("address"), t("projectManager"), t("buildings"), t("units"), t("households")]}
          >
            {rows.map((c) => (
              <tr key={c.id} className={c.active ? "" : "text-slate-400"}>
                <td>
                  <Link
                    href={`/staff/registry/communities/${c.id}`}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {c.name}
                  </Link>
                  <InactiveBadge active={c.active} />
                </td>
                <td>{c.address ?? "—"}</td>
                <td>{c.managerName ?? "—"}</td>
                <td className="tabular-nums">{format.number(c.buildings)}</td>
                <td className="tabular-nums">{format.number(c.units)}</td>
                <td className="tabular-nums">{format.number(c.households)}</td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}
