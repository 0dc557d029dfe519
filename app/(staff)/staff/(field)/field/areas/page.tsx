import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AreaForm } from "@/components/field/plan-forms";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { FIELD_SUPERVISOR_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { listAreas, planOptions } from "@/lib/field/plan-queries";
import { ALL_WEEKDAYS } from "@/lib/field/rules";
import { createAreaAction } from "../plan-actions";

export async function generateMetadata() {
  return { title: (await getTranslations("field.edit"))("areasTitle") };
}

/** The company's cleaning areas (issue 19 point 1): each to its editing page; a form for a new one. */
export default async function CleaningAreasPage() {
  const user = await requireUser(FIELD_SUPERVISOR_ROLES);
  const t = await getTranslations("field");
  const db = getDb();
  const [areas, options] = await Promise.all([listAreas(db, user.companyId), planOptions(db, user.companyId)]);
  const days = (mask: number) =>
    mask === ALL_WEEKDAYS
      ? t("edit.everyDay")
      : [0, 1, 2, 3, 4, 5, 6]
          .filter((d) => mask & (1 << d))
          .map((d) => t(`edit.d${d}`))
          .join(" ");
  return (
    <div className="space-y-4">
      <PageHeader title={t("edit.areasTitle")} subtitle={t("edit.areasSubtitle")} />
      <Card title={t("edit.areasTitle")}>
        {areas.length === 0 ? (
          <EmptyState>{t("edit.noAreas")}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="areas">
            {areas.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <div className="min-w-0">
                  <p className="font-medium">
                    <span data-user-text>{a.community}</span> · <span data-user-text>{a.name}</span> ·{" "}
                    {t(`kind.${a.kind}`)}
                    {a.active ? null : <span className="ml-2 text-xs text-slate-500">{t("edit.inactive")}</span>}
                  </p>
                  <p className="text-xs text-slate-600">
                    {t("edit.areaLine", { times: a.times.join(", "), days: days(a.weekdays) })}
                    {a.assignee ? (
                      <>
                        {" · "}
                        <span data-user-text>{a.assignee}</span>
                      </>
                    ) : null}
                  </p>
                </div>
                <Link href={`/staff/field/areas/${a.id}`} className="text-brand-700 hover:underline">
                  {t("edit.manage")}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("edit.newArea")}>
        <AreaForm
          action={createAreaAction}
          cleaners={options.cleaners}
          communities={options.communities}
          redirectTo="/staff/field/areas/{id}"
        />
      </Card>
    </div>
  );
}
