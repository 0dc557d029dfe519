import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/card";
import { SectionSkeleton } from "@/components/ui/page-skeleton";
import { requireUser } from "@/app/_lib/session";
import { CRM_DASHBOARD_ROLES } from "@/lib/crm/dashboard";
import { DistributionSection, MovedSection, TrendSection } from "./dashboard-sections";
import { RiskSection } from "./risk-section";

export async function generateMetadata() {
  return { title: (await getTranslations("crm.dashboard"))("title") };
}

/**
 * §8.6 the sentiment dashboard, limited to the households the viewer may see. The header paints
 * at once; each section streams in behind its own <Suspense> (dashboard-sections.tsx).
 */
export default async function CrmDashboardPage({
  searchParams,
}: {
  searchParams: Promise<{ butler?: string; butlers?: string }>;
}) {
  const user = await requireUser(CRM_DASHBOARD_ROLES);
  const t = await getTranslations("crm");
  // ?butler=<id>: that butler's whole list (still only within the viewer's visible households).
  // ?butlers=all: every butler's first few, where there are too many butlers to show them all by default.
  const params = await searchParams;
  const onlyButler = Number(params.butler) || undefined;
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("dashboard.title")}
        subtitle={t("dashboard.subtitle")}
        actions={
          user.roles.includes("admin") ? (
            <Link href="/staff/crm/rules" className="text-sm text-brand-700 hover:underline">
              {t("dashboard.rules")}
            </Link>
          ) : null
        }
      />
      <div className="grid gap-4 lg:grid-cols-[1fr_2fr]">
        <Suspense fallback={<SectionSkeleton title={t("dashboard.distribution")} rows={6} />}>
          <DistributionSection user={user} />
        </Suspense>
        <Suspense fallback={<SectionSkeleton title={t("dashboard.trend")} rows={6} />}>
          <TrendSection user={user} />
        </Suspense>
      </div>
      <Suspense fallback={<SectionSkeleton title={t("dashboard.moved")} />}>
        <MovedSection user={user} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton title={t("dashboard.risk")} rows={5} />}>
        <RiskSection user={user} onlyButler={onlyButler} allButlers={params.butlers === "all"} />
      </Suspense>
    </div>
  );
}
