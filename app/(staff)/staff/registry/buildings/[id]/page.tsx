import Link from "next/link";
import { buildingMoveSizes } from "@/lib/registry/building-moves";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ActiveToggle } from "@/components/registry/active-toggle";
import { BuildingButlerMove } from "@/components/registry/building-move";
import { EditBuildingForm } from "@/components/registry/building-form";
import { InactiveBadge } from "@/components/registry/status-badge";
import { CreateUnitForm } from "@/components/registry/unit-form";
import { UnitRangeForm } from "@/components/registry/unit-range-form";
import { UnitRowEditor } from "@/components/registry/unit-row-editor";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatArea } from "@/lib/i18n/format";
import { COMMUNITY_VIEW_ROLES } from "@/lib/registry/access";
import { getBuilding, listUnits } from "@/lib/registry/directory";
import { buildingScope, communityAccess, parseId } from "@/app/_lib/registry-guards";
import { listPeopleWithRole } from "@/lib/tenancy/queries";
import {
  assignBuildingButlerAction,
  assignUnitRangeButlerAction,
  createUnitAction,
  setActiveAction,
  updateBuildingAction,
  updateUnitAction,
} from "../../actions";

/** Area in m² as the edit form expects it ("89.35"), from integer hundredths. */
const areaText = (centi: number) => `${Math.trunc(centi / 100)}.${String(centi % 100).padStart(2, "0")}`;

type Building = NonNullable<Awaited<ReturnType<typeof getBuilding>>>;
type Access = Awaited<ReturnType<typeof communityAccess>>;
type Butlers = Awaited<ReturnType<typeof listPeopleWithRole>>;

export default async function BuildingPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(COMMUNITY_VIEW_ROLES);
  const id = parseId((await params).id);
  const db = getDb();
  const building = await getBuilding(db, user.companyId, id, await buildingScope(db, user));
  if (!building) notFound();
  const access = await communityAccess(db, user, building.communityId);
  const t = await getTranslations("registry");
  const locale = (await getLocale()) as Locale;
  const [unitRows, butlers, sizes] = await Promise.all([
    listUnits(db, user.companyId, id),
    listPeopleWithRole(db, user.companyId, "butler"),
    buildingMoveSizes(db, user.companyId, [id]),
  ]);
  const butlerName = butlers.find((b) => b.id === building.butlerId)?.name;
  return (
    <div className="space-y-4">
      <nav className="text-sm text-slate-500">
        <Link href="/staff/registry" className="hover:underline">
          {t("communitiesTitle")}
        </Link>{" "}
        /{" "}
        <Link href={`/staff/registry/communities/${building.communityId}`} className="hover:underline">
          {building.communityName}
        </Link>{" "}
        / {building.name}
      </nav>
      <PageHeader
        title={`${building.communityName} ${building.name}`}
        subtitle={t("buildingSubtitle", { code: building.code, units: unitRows.length })}
        actions={
          <div className="flex items-center gap-3">
            <InactiveBadge active={building.active} />
            {access.canEdit ? (
              <ActiveToggle setActiveAction={setActiveAction} entity="building" id={id} active={building.active} />
            ) : null}
          </div>
        }
      />
      <div className="grid gap-4 lg:grid-cols-2">
        {access.canEdit ? (
          <Card title={t("editBuilding")}>
            <EditBuildingForm
              updateBuildingAction={updateBuildingAction}
              id={id}
              code={building.code}
              name={building.name}
              floors={building.floors}
            />
          </Card>
        ) : null}
        <ButlerCard
          id={id}
          building={building}
          access={access}
          butlers={butlers}
          butlerName={butlerName}
          moveSize={sizes.get(id) ?? 0}
        />
      </div>
      {access.canEdit ? (
        <Card title={t("createUnit")}>
          <CreateUnitForm createUnitAction={createUnitAction} buildingId={id} />
        </Card>
      ) : null}
      <UnitsCard building={building} access={access} unitRows={unitRows} butlerName={butlerName} locale={locale} />
    </div>
  );
}

async function ButlerCard({
  id,
  building,
  access,
  butlers,
  butlerName,
  moveSize,
}: {
  id: number;
  moveSize: number;
  building: Building;
  access: Access;
  butlers: Butlers;
  butlerName: string | undefined;
}) {
  const t = await getTranslations("registry");
  return (
    <Card title={t("butler")}>
      <div className="space-y-4">
        {access.canAssign ? (
          <BuildingButlerMove
            action={assignBuildingButlerAction}
            buildingId={id}
            value={building.butlerId}
            people={butlers}
            households={moveSize}
            label={t("butler")}
          />
        ) : (
          <p className="text-sm">{butlerName ?? t("unassigned")}</p>
        )}
        <p className="text-xs text-slate-500">{t("butlerFollows")}</p>
        {access.canAssign ? (
          <div className="border-t border-slate-100 pt-3">
            <h3 className="mb-2 text-sm font-medium">{t("unitRangeTitle")}</h3>
            <UnitRangeForm
              assignUnitRangeButlerAction={assignUnitRangeButlerAction}
              buildingId={id}
              butlers={butlers}
            />
          </div>
        ) : null}
      </div>
    </Card>
  );
}

async function UnitsCard({
  building,
  access,
  unitRows,
  butlerName,
  locale,
}: {
  building: Building;
  access: Access;
  unitRows: Awaited<ReturnType<typeof listUnits>>;
  butlerName: string | undefined;
  locale: Locale;
}) {
  const t = await getTranslations("registry");
  return (
    <Card title={t("units")}>
      {unitRows.length === 0 ? (
        <EmptyState>{t("noUnits")}</EmptyState>
      ) : (
        <Table head={[t("unitNumber"), t("floor"), t("area"), t("type"), t("holder"), t("butler"), ""]}>
          {unitRows.map((u) => (
            <tr key={u.id} className={u.active ? "" : "text-slate-500"}>
              <td className="font-mono">
                {building.code}-{u.number}
                <InactiveBadge active={u.active} />
              </td>
              <td className="tabular-nums">{u.floor ?? "—"}</td>
              <td className="tabular-nums">{formatArea(u.areaCentiM2, locale)}</td>
              <td>{t(`unitType.${u.type}`)}</td>
              <td>
                {u.householdId ? (
                  <Link href={`/staff/registry/households/${u.householdId}`} className="text-brand-700 hover:underline">
                    {t("viewHousehold")}
                  </Link>
                ) : (
                  <span className="text-slate-500">{t("vacant")}</span>
                )}
              </td>
              <td>{u.rangeButlerName ?? butlerName ?? "—"}</td>
              <td className="whitespace-nowrap">
                {access.canEdit ? (
                  <div className="flex flex-col items-start gap-1">
                    <UnitRowEditor
                      updateUnitAction={updateUnitAction}
                      id={u.id}
                      number={u.number}
                      floor={u.floor}
                      area={areaText(u.areaCentiM2)}
                      type={u.type}
                    />
                    <ActiveToggle setActiveAction={setActiveAction} entity="unit" id={u.id} active={u.active} compact />
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
