import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { FIELD_SUPERVISOR_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { listTemplates, recentInspections } from "@/lib/field/inspection-queries";
import { qualityPct } from "@/lib/field/inspection-rules";
import { TemplatesCard } from "@/components/field/templates-card";

export async function generateMetadata() {
  return { title: (await getTranslations("field.inspections"))("title") };
}

const LINK = "inline-flex min-h-11 items-center rounded-md px-4 text-sm font-medium";

/** Quality inspections (issue 19 point 3): start one on the phone, the latest results, and the templates. */
export default async function InspectionsPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const user = await requireUser(FIELD_SUPERVISOR_ROLES);
  const t = await getTranslations("field");
  const format = await getFormatter();
  const db = getDb();
  const [recent, templates] = await Promise.all([
    recentInspections(db, user.companyId),
    listTemplates(db, user.companyId),
  ]);
  const { done } = await searchParams;
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("inspections.title")}
        subtitle={t("inspections.subtitle")}
        actions={
          <div className="flex flex-wrap gap-2">
            <Link
              href="/staff/field/inspections/new"
              className={`${LINK} bg-brand-600 text-white`}
              data-testid="inspect-new"
            >
              {t("inspections.new")}
            </Link>
            <Link href="/staff/field/quality" className={`${LINK} bg-slate-100 text-slate-800`}>
              {t("quality.title")}
            </Link>
          </div>
        }
      />
      {done ? (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800" data-testid="inspect-done">
          {t("inspections.saved")}{" "}
          <Link href="/staff/orders?tab=scope&origin=inspection&status=open" className="underline">
            {t("inspections.defectOrders")}
          </Link>
        </p>
      ) : null}
      <Card title={t("inspections.recent")}>
        {recent.length === 0 ? (
          <EmptyState>{t("inspections.none")}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="inspections-recent">
            {recent.map((r) => (
              <li key={r.id} className="flex flex-wrap items-start justify-between gap-2 py-2 text-sm">
                <div className="min-w-0">
                  <p className="font-medium">
                    <span data-user-text>{r.area ?? r.community}</span> · <span data-user-text>{r.template}</span>
                  </p>
                  <p className="text-xs text-slate-600">
                    {format.dateTime(r.inspectedAt, { dateStyle: "medium", timeStyle: "short" })} ·{" "}
                    <span data-user-text>{r.inspector}</span> · {t("inspections.defects", { n: r.defects })}
                  </p>
                </div>
                <span className="font-semibold tabular-nums">
                  {r.score}/{r.maxScore} ({qualityPct(r.score, r.maxScore)}%)
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <TemplatesCard templates={templates} />
    </div>
  );
}
