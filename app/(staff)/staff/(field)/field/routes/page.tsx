import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RouteForm } from "@/components/field/plan-forms";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { FIELD_SUPERVISOR_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { listRoutes, planOptions } from "@/lib/field/plan-queries";
import { createRouteAction } from "../plan-actions";

export async function generateMetadata() {
  return { title: (await getTranslations("field.edit"))("routesTitle") };
}

/** The company's patrol routes (issue 19 point 1): each to its editing page; a form for a new one. */
export default async function PatrolRoutesPage() {
  const user = await requireUser(FIELD_SUPERVISOR_ROLES);
  const t = await getTranslations("field.edit");
  const db = getDb();
  const [routes, options] = await Promise.all([listRoutes(db, user.companyId), planOptions(db, user.companyId)]);
  return (
    <div className="space-y-4">
      <PageHeader title={t("routesTitle")} subtitle={t("routesSubtitle")} />
      <Card title={t("routesTitle")}>
        {routes.length === 0 ? (
          <EmptyState>{t("noRoutes")}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="routes">
            {routes.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <div className="min-w-0">
                  <p className="font-medium">
                    <span data-user-text>{r.community}</span> · <span data-user-text>{r.name}</span>
                    {r.active ? null : <span className="ml-2 text-xs text-slate-500">{t("inactive")}</span>}
                  </p>
                  <p className="text-xs text-slate-600">
                    {t("perDay", { times: r.times.join(", "), count: r.checkpoints })}
                    {r.guard ? (
                      <>
                        {" · "}
                        <span data-user-text>{r.guard}</span>
                      </>
                    ) : null}
                  </p>
                </div>
                <Link href={`/staff/field/routes/${r.id}`} className="text-brand-700 hover:underline">
                  {t("manage")}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("newRoute")}>
        <RouteForm
          action={createRouteAction}
          guards={options.guards}
          communities={options.communities}
          redirectTo="/staff/field/routes/{id}"
        />
      </Card>
    </div>
  );
}
