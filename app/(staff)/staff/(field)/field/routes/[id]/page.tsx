import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CheckpointList } from "@/components/field/checkpoint-list";
import { ActiveToggle, RouteForm } from "@/components/field/plan-forms";
import { Card, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { FIELD_SUPERVISOR_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { planOptions, routeDetail } from "@/lib/field/plan-queries";
import {
  addCheckpointAction,
  checkpointAction,
  renameCheckpointAction,
  routeActiveAction,
  updateRouteAction,
} from "../../plan-actions";

export async function generateMetadata() {
  return { title: (await getTranslations("field.edit"))("editRoute") };
}

/** Edit a patrol route and its checkpoints (issue 19 point 1); another company's route is 404. */
export default async function PatrolRoutePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(FIELD_SUPERVISOR_ROLES);
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const db = getDb();
  const [route, options] = await Promise.all([
    routeDetail(db, user.companyId, Number(id)),
    planOptions(db, user.companyId),
  ]);
  if (!route) notFound();
  const t = await getTranslations("field.edit");
  return (
    <div className="space-y-4">
      <Link href="/staff/field/routes" className="text-sm text-brand-700 hover:underline">
        {t("back")}
      </Link>
      <PageHeader
        title={`${route.community} · ${route.name}`}
        userTitle
        subtitle={t("appliesTomorrow")}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <Link
              href={`/staff/field/routes/${route.id}/print`}
              className="inline-flex min-h-11 items-center rounded-md border border-slate-300 px-4 text-sm text-brand-700"
              data-testid="print-sheet"
            >
              {t("print")}
            </Link>
            <ActiveToggle id={route.id} active={route.active} action={routeActiveAction} />
          </div>
        }
      />
      {route.active ? null : <p className="text-sm text-slate-600">{t("inactive")}</p>}
      <Card title={t("editRoute")}>
        <RouteForm
          action={updateRouteAction}
          guards={options.guards}
          route={{
            id: route.id,
            name: route.name,
            times: route.times,
            windowMinutes: route.windowMinutes,
            guardId: route.guardId,
          }}
        />
      </Card>
      <Card title={t("checkpoints")}>
        <CheckpointList
          routeId={route.id}
          points={route.points}
          rename={renameCheckpointAction}
          change={checkpointAction}
          add={addCheckpointAction}
        />
      </Card>
    </div>
  );
}
