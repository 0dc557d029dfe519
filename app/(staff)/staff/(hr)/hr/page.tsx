import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader, Stat } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { HR_MANAGE_ROLES } from "@/lib/hr/access";
import { todayCounts, trainingHoursTotal, upcomingChanges } from "@/lib/hr/dashboard";
import { formatHours } from "@/lib/hr/training";
import { localParts } from "@/lib/time/zone";

export async function generateMetadata() {
  return { title: (await getTranslations("hr.dashboard"))("title") };
}

export const dynamic = "force-dynamic";

/** The HR dashboard: today's attendance, upcoming personnel changes, training hours this year, links. */
export default async function HrDashboardPage() {
  const user = await requireUser(HR_MANAGE_ROLES);
  const t = await getTranslations("hr.dashboard");
  const db = getDb();
  const today = localParts(new Date(), user.timeZone).date;
  const year = Number(today.slice(0, 4));
  const [counts, changes, hours] = await Promise.all([
    todayCounts(db, user.companyId, user.timeZone),
    upcomingChanges(db, user.companyId),
    trainingHoursTotal(db, user.companyId, year),
  ]);
  const links = [
    { href: "/staff/hr/people", label: t("links.people") },
    { href: `/staff/hr/attendance?month=${today.slice(0, 7)}`, label: t("links.sheet") },
    { href: "/staff/hr/training", label: t("links.training") },
    { href: "/staff/hr/assessments", label: t("links.assessments") },
    { href: "/staff/hr/assessments/ranking", label: t("links.ranking") },
  ];
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} subtitle={t("subtitle", { date: today })} />
      <Card title={counts.workday ? t("today") : t("todayRest")}>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="today-counts">
          <Stat label={t("present")} value={counts.present} />
          <Stat label={t("late")} value={counts.late} />
          <Stat label={t("absent")} value={counts.absent} />
          <Stat label={t("onLeave")} value={counts.onLeave} />
        </div>
        <p className="mt-2 text-xs text-slate-500">{t("todayNote", { staff: counts.staff })}</p>
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <UpcomingChanges changes={changes} />
        <div className="space-y-4">
          <Card title={t("training", { year })}>
            <div className="grid grid-cols-2 gap-3">
              <Stat label={t("trainingHours")} value={formatHours(hours.tenths)} />
              <Stat label={t("trainingPeople")} value={hours.people} />
            </div>
          </Card>
          <Card title={t("linksTitle")}>
            <ul className="space-y-1 text-sm">
              {links.map((l) => (
                <li key={l.href}>
                  <Link href={l.href} className="text-brand-700 hover:underline">
                    {l.label}
                  </Link>
                </li>
              ))}
            </ul>
          </Card>
        </div>
      </div>
    </div>
  );
}

async function UpcomingChanges({ changes }: { changes: Awaited<ReturnType<typeof upcomingChanges>> }) {
  const t = await getTranslations("hr.dashboard");
  const tc = await getTranslations("hr.changes");
  return (
    <Card title={t("upcoming")}>
      {changes.length === 0 ? (
        <EmptyState>{t("noUpcoming")}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {changes.map((c) => (
            <li key={c.id} className="flex justify-between gap-3 py-2">
              <span>
                {c.recordId ? (
                  <Link href={`/staff/hr/people/${c.recordId}`} className="font-medium text-brand-700 hover:underline">
                    {c.name}
                  </Link>
                ) : (
                  c.name
                )}{" "}
                · {tc(`kinds.${c.kind}`)}
                {c.toCommunityName ? ` → ${c.toCommunityName}` : c.toPosition ? ` → ${c.toPosition}` : ""}
              </span>
              <span className="tabular-nums text-slate-600">{c.effectiveDate}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
