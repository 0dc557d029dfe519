import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ActiveToggle } from "@/components/registry/active-toggle";
import { AssignmentSelect } from "@/components/registry/assignments";
import { CreateBuildingForm } from "@/components/registry/building-form";
import { EditCommunityForm } from "@/components/registry/community-form";
import { InactiveBadge } from "@/components/registry/status-badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { COMMUNITY_VIEW_ROLES } from "@/lib/registry/access";
import { getCommunity, listBuildings, listCommunities } from "@/lib/registry/directory";
import { communityAccess, parseId } from "@/app/_lib/registry-guards";
import { listPeopleWithRole } from "@/lib/tenancy/queries";
import {
  assignCommunityManagerAction,
  createBuildingAction,
  setActiveAction,
  updateCommunityAction,
} from "../../actions";

export default async function CommunityPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(COMMUNITY_VIEW_ROLES);
  const id = parseId((await params).id);
  const db = getDb();
  const community = await getCommunity(db, user.companyId, id);
  if (!community) notFound();
  const access = await communityAccess(db, user, community.id);
  const t = await getTranslations("registry");
  const [buildingRows, [summary], managers] = await Promise.all([
    listBuildings(db, user.companyId, id, access.buildings),
    listCommunities(db, user.companyId, [id]),
    user.roles.includes("admin") ? listPeopleWithRole(db, user.companyId, "project_manager") : Promise.resolve(null),
  ]);
  return (
    <div className="space-y-4">
      <nav className="text-sm text-slate-500">
        <Link href="/staff/registry" className="hover:underline">
          {t("communitiesTitle")}
        </Link>{" "}
        / {community.name}
      </nav>
      <PageHeader
        title={community.name}
        subtitle={`${community.address ?? ""} · ${t("countsLine", { buildings: summary?.buildings ?? 0, units: summary?.units ?? 0, households: summary?.households ?? 0 })}`}
        actions={
          <div className="flex items-center gap-3">
            <InactiveBadge active={community.active} />
            <Link
              href={`/staff/registry/households?community=${id}`}
              className="text-sm font-medium text-brand-700 hover:underline"
            >
              {t("households")} →
            </Link>
            {access.canEdit ? (
              <ActiveToggle setActiveAction={setActiveAction} entity="community" id={id} active={community.active} />
            ) : null}
          </div>
        }
      />
      <div className="grid gap-4 lg:grid-cols-2">
        {access.canEdit ? (
          <Card title={t("editCommunity")}>
            <EditCommunityForm
              updateCommunityAction={updateCommunityAction}
              id={id}
              name={community.name}
              address={community.address}
            />
          </Card>
        ) : null}
        <Card title={t("projectManager")}>
          {managers ? (
            <AssignmentSelect
              action={assignCommunityManagerAction}
              target={{ communityId: id }}
              field="managerUserId"
              value={summary?.managerId ?? null}
              people={managers}
              label={t("projectManager")}
            />
          ) : (
            <p className="text-sm">{summary?.managerName ?? "—"}</p>
          )}
        </Card>
      </div>
      {access.canEdit ? (
        <Card title={t("createBuilding")}>
          <CreateBuildingForm createBuildingAction={createBuildingAction} communityId={id} />
        </Card>
      ) : null}
      <BuildingsCard buildingRows={buildingRows} />
    </div>
  );
}

async function BuildingsCard({ buildingRows }: { buildingRows: Awaited<ReturnType<typeof listBuildings>> }) {
  const t = await getTranslations("registry");
  const format = await getFormatter();
  return (
    <Card title={t("buildings")}>
      {buildingRows.length === 0 ? (
        <EmptyState>{t("noBuildings")}</EmptyState>
      ) : (
        <Table head={[t("buildingCode"), t("buildingName"), t("floors"), t("butler"), t("units"), t("occupied")]}>
          {buildingRows.map((b) => (
            <tr key={b.id} className={b.active ? "" : "text-slate-400"}>
              <td className="font-mono">{b.code}</td>
              <td>
                <Link href={`/staff/registry/buildings/${b.id}`} className="font-medium text-brand-700 hover:underline">
                  {b.name}
                </Link>
                <InactiveBadge active={b.active} />
              </td>
              <td className="tabular-nums">{b.floors ?? "—"}</td>
              <td>{b.butlerName ?? <span className="text-amber-700">{t("unassigned")}</span>}</td>
              <td className="tabular-nums">{format.number(b.units)}</td>
              <td className="tabular-nums">{format.number(b.heldUnits)}</td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
