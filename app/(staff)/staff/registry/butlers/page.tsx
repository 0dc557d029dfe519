import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { AssignmentSelect } from "@/components/registry/assignments";
import { BuildingButlerMove } from "@/components/registry/building-move";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { BUTLER_NORM, butlerLoadLevel } from "@/lib/registry/rules";
import { listBuildingButlers } from "@/lib/registry/building-moves";
import { listButlerLoads } from "@/lib/registry/directory";
import { loadRegistryFacts } from "@/lib/registry/view";
import { listPeopleWithRole } from "@/lib/tenancy/queries";
import { assignBuildingButlerAction, assignSupervisorAction } from "../actions";

const LEVEL_STYLE = { low: "bg-sky-400", normal: "bg-brand-500", high: "bg-red-500" } as const;

export async function generateMetadata() {
  return { title: (await getTranslations("registry"))("butlersTitle") };
}

export default async function ButlersPage() {
  const user = await requireUser(["admin", "project_manager", "supervisor"]);
  const t = await getTranslations("registry");
  const format = await getFormatter();
  const db = getDb();
  const isAdmin = user.roles.includes("admin") || user.roles.includes("project_manager");
  const [{ butlers, unassignedHouseholds }, supervisors, facts] = await Promise.all([
    listButlerLoads(db, user.companyId),
    user.roles.includes("admin") ? listPeopleWithRole(db, user.companyId, "supervisor") : Promise.resolve(null),
    loadRegistryFacts(db, user.companyId, user.id),
  ]);
  // A supervisor sees their own team; admins and project managers see every butler.
  const shown = isAdmin ? butlers : butlers.filter((b) => facts.teamButlerIds.includes(b.id));
  const max = Math.max(BUTLER_NORM, ...shown.map((b) => b.households));
  const movable = await movableBuildings(user, facts.managedCommunityIds);
  return (
    <div className="space-y-4">
      <PageHeader title={t("butlersTitle")} subtitle={t("butlersSubtitle", { norm: BUTLER_NORM })} />
      {isAdmin && unassignedHouseholds > 0 ? (
        <p role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-800 ring-1 ring-amber-200">
          {t("unassignedHouseholds", { count: unassignedHouseholds })}
        </p>
      ) : null}
      <Card>
        {shown.length === 0 ? (
          <EmptyState>{t("noButlers")}</EmptyState>
        ) : (
          <Table head={[t("butler"), t("phone"), t("buildings"), t("households"), t("load"), t("supervisor")]}>
            {shown.map((b) => (
              <tr key={b.id}>
                <td>
                  <Link
                    href={`/staff/registry/households?butler=${b.id}`}
                    className="font-medium text-brand-700 hover:underline"
                    data-user-text
                  >
                    {b.name}
                  </Link>
                </td>
                <td className="tabular-nums">{b.phone ?? "—"}</td>
                <td className="tabular-nums">{format.number(b.buildings)}</td>
                <td className="tabular-nums">{format.number(b.households)}</td>
                <td className="w-48">
                  <div className="h-2 rounded bg-slate-100" title={`${b.households} / ${BUTLER_NORM}`}>
                    <div
                      className={`h-2 rounded ${LEVEL_STYLE[butlerLoadLevel(b.households)]}`}
                      style={{ width: `${Math.min(100, (b.households / max) * 100)}%` }}
                    />
                  </div>
                  <span className="text-xs text-slate-500">{t(`loadLevel.${butlerLoadLevel(b.households)}`)}</span>
                </td>
                <td>
                  {supervisors ? (
                    <AssignmentSelect
                      action={assignSupervisorAction}
                      target={{ butlerUserId: b.id }}
                      field="supervisorUserId"
                      value={b.supervisorId}
                      people={supervisors}
                      label={t("supervisor")}
                    />
                  ) : (
                    (b.supervisorName ?? "—")
                  )}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
      {movable.length ? (
        <BuildingMoves
          rows={movable}
          people={butlers.map((b) => ({ id: b.id, name: b.name }))}
          action={assignBuildingButlerAction}
        />
      ) : null}
    </div>
  );
}

/** Admins move any building; a project manager the buildings of the communities they manage. */
function movableBuildings(user: { companyId: number; roles: readonly string[] }, managed: number[]) {
  if (user.roles.includes("admin")) return listBuildingButlers(getDb(), user.companyId);
  if (user.roles.includes("project_manager")) return listBuildingButlers(getDb(), user.companyId, managed);
  return Promise.resolve([]);
}

/** Building-level moves: each building with its butler and the households that follow it. */
async function BuildingMoves({
  rows,
  people,
  action,
}: {
  rows: Awaited<ReturnType<typeof listBuildingButlers>>;
  people: { id: number; name: string }[];
  action: typeof assignBuildingButlerAction;
}) {
  const t = await getTranslations("registry");
  return (
    <Card title={t("move.buildingsTitle")}>
      <p className="mb-3 text-sm text-slate-600">{t("move.buildingsHint")}</p>
      <Table head={[t("community"), t("move.building"), t("households"), t("butler")]}>
        {rows.map((b) => (
          <tr key={b.id} data-testid={`building-row-${b.id}`}>
            <td data-user-text>{b.communityName}</td>
            <td>
              <Link
                href={`/staff/registry/buildings/${b.id}`}
                className="text-brand-700 hover:underline"
                data-user-text
              >
                {b.code} · {b.name}
              </Link>
            </td>
            <td className="tabular-nums">{b.households}</td>
            <td>
              <BuildingButlerMove
                action={action}
                buildingId={b.id}
                value={b.butlerId}
                people={people}
                households={b.households}
                label={t("butler")}
              />
            </td>
          </tr>
        ))}
      </Table>
    </Card>
  );
}
