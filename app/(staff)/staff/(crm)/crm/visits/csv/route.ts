import { getTranslations } from "next-intl/server";
import { routeError } from "@/lib/actions/authorized-route";
import { hasAnyRole } from "@/lib/auth/roles";
import { getSessionUser } from "@/app/_lib/session";

import { VISIT_REPORT_ROLES } from "@/lib/crm/visits/access";
import { coverageCsv, coverageReport } from "@/lib/crm/visits/coverage";
import { getDb } from "@/lib/db";
import { loadRegistryView } from "@/lib/registry/view";
import { localDate } from "@/lib/time/zone";
import { isQuarter, quarterOf } from "@/lib/time/quarters";

export const dynamic = "force-dynamic";

/** GET /staff/crm/visits/csv?quarter=YYYYQn — the coverage report of the viewer's own scope. */
export async function GET(request: Request) {
  const user = await getSessionUser();
  if (!user) return routeError("unauthenticated");
  if (!hasAnyRole(user.roles, VISIT_REPORT_ROLES)) return routeError("forbidden");
  const raw = new URL(request.url).searchParams.get("quarter") ?? "";
  const quarter = isQuarter(raw) ? raw : quarterOf(localDate(new Date(), user.timeZone));
  const db = getDb();
  const view = await loadRegistryView(db, user.companyId, { userId: user.id, roles: user.roles });
  const report = await coverageReport(db, user.companyId, quarter, view);
  const t = await getTranslations("visits.coverage");
  const csv = coverageCsv(report, {
    butler: t("butler"),
    community: t("community"),
    households: t("households"),
    sampled: t("sampled"),
    visited: t("visited"),
    coverage: `${t("coverage")} %`,
  });
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="visit-coverage-${quarter}.csv"`,
      "cache-control": "no-store",
    },
  });
}
