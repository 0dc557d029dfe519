import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActiveToggle, AreaForm } from "@/components/field/plan-forms";
import { Card, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { FIELD_SUPERVISOR_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { areaDetail, planOptions } from "@/lib/field/plan-queries";
import { areaActiveAction, updateAreaAction } from "../../plan-actions";

export async function generateMetadata() {
  return { title: (await getTranslations("field.edit"))("editArea") };
}

/** Edit a cleaning area (issue 19 point 1); deactivated rather than deleted. Another company's area is 404. */
export default async function CleaningAreaPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(FIELD_SUPERVISOR_ROLES);
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const db = getDb();
  const [area, options] = await Promise.all([
    areaDetail(db, user.companyId, Number(id)),
    planOptions(db, user.companyId),
  ]);
  if (!area) notFound();
  const t = await getTranslations("field.edit");
  return (
    <div className="space-y-4">
      <Link href="/staff/field/areas" className="text-sm text-brand-700 hover:underline">
        {t("back")}
      </Link>
      <PageHeader
        title={`${area.community} · ${area.name}`}
        userTitle
        subtitle={t("appliesTomorrow")}
        actions={<ActiveToggle id={area.id} active={area.active} action={areaActiveAction} />}
      />
      {area.active ? null : <p className="text-sm text-slate-600">{t("inactive")}</p>}
      <Card title={t("editArea")}>
        <AreaForm
          action={updateAreaAction}
          cleaners={options.cleaners}
          area={{
            id: area.id,
            name: area.name,
            kind: area.kind,
            standard: area.standard,
            times: area.times,
            windowMinutes: area.windowMinutes,
            weekdays: area.weekdays,
            assigneeId: area.assigneeId,
          }}
        />
      </Card>
    </div>
  );
}
