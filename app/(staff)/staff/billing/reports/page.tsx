import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { Card, PageHeader } from "@/components/ui/card";
import { SectionSkeleton } from "@/components/ui/page-skeleton";
import { requireUser } from "@/app/_lib/session";
import { BILLING_ROLES } from "@/lib/billing/access";
import type { Grouping } from "@/lib/billing/queries/reports";
import { parseGrouping } from "@/lib/billing/reports";
import { addMonths } from "@/lib/time/calendar";
import { localDate } from "@/lib/time/zone";
import {
  AgingSection,
  ByGroupSection,
  ByMonthSection,
  DailyCashFigures,
  GROUP_LABEL,
  ProviderStatementTotals,
} from "./sections";

export async function generateMetadata() {
  return { title: (await getTranslations("billing.reports"))("title") };
}

const GROUPINGS: Grouping[] = ["community", "building", "butler"];

/**
 * Arrears aging and collection rate by community/building/butler, collection by month with a
 * chart, daily cash; CSV for each. The header paints at once, each report streams in behind its
 * own <Suspense> (sections.tsx).
 */
export default async function ReportsPage({
  searchParams,
}: {
  searchParams: Promise<{ group?: string; date?: string }>;
}) {
  const user = await requireUser(BILLING_ROLES);
  const sp = await searchParams;
  const t = await getTranslations("billing");
  const { companyId } = user;
  const today = localDate(new Date(), user.timeZone);
  const to = today.slice(0, 7);
  const from = addMonths(to, -11);
  const grouping = parseGrouping(sp.group);
  const date = sp.date && /^\d{4}-\d{2}-\d{2}$/.test(sp.date) ? sp.date : today;
  const csv = (report: string, extra = "") =>
    `/staff/billing/reports/csv/${report}?group=${grouping}&from=${from}&to=${to}${extra}`;
  const csvLink = (href: string) => (
    <a href={href} className="text-sm text-brand-700 hover:underline" download>
      {t("reports.csv")}
    </a>
  );
  return (
    <div className="space-y-4">
      <PageHeader title={t("reports.title")} />
      <nav className="flex flex-wrap gap-2" aria-label={t("reports.grouping")}>
        {GROUPINGS.map((g) => (
          <Link
            key={g}
            href={`/staff/billing/reports?group=${g}&date=${date}`}
            aria-current={g === grouping ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm ring-1 ${g === grouping ? "bg-brand-600 text-white ring-brand-600" : "bg-white ring-slate-300"}`}
          >
            {t(`reports.${GROUP_LABEL[g]}`)}
          </Link>
        ))}
      </nav>
      <Suspense fallback={<SectionSkeleton title={t("reports.aging")} rows={5} />}>
        <AgingSection companyId={companyId} today={today} grouping={grouping} csv={csvLink(csv("aging"))} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton title={t("reports.chart")} rows={6} />}>
        <ByMonthSection companyId={companyId} from={from} to={to} csv={csvLink(csv("collection-month"))} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton title={t("reports.collection")} rows={5} />}>
        <ByGroupSection
          companyId={companyId}
          from={from}
          to={to}
          grouping={grouping}
          csv={csvLink(csv("collection"))}
        />
      </Suspense>
      <Card
        title={`${t("reports.dailyCash")} · ${date}`}
        actions={csvLink(`/staff/billing/reports/csv/daily-cash?date=${date}`)}
      >
        <form method="get" className="mb-3 flex items-end gap-2">
          <input type="hidden" name="group" value={grouping} />
          <label className="text-sm">
            <span className="mb-1 block font-medium text-slate-700">{t("common.date")}</span>
            <input
              type="date"
              name="date"
              defaultValue={date}
              className="rounded-md border border-slate-300 px-3 py-2 text-sm"
            />
          </label>
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">
            {t("reports.show")}
          </button>
        </form>
        <Suspense fallback={<SectionSkeleton rows={1} />}>
          <DailyCashFigures companyId={companyId} date={date} timeZone={user.timeZone} />
        </Suspense>
        <Suspense fallback={<SectionSkeleton rows={1} />}>
          <ProviderStatementTotals companyId={companyId} date={date} />
        </Suspense>
      </Card>
    </div>
  );
}
