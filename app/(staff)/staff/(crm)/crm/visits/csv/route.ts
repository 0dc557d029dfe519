import { getTranslations } from "next-intl/server";
import { routeError } from "@/lib/actions/authorized-route";
import { hasAnyRole } from "@/lib/auth/roles";
import { getSessionUser } from "@/app/_lib/session";

import { VISIT_REPORT_ROLES } from "@/lib/crm/visits/access";
import { coverageCsvRows, coverageReport } from "@/lib/crm/visits/coverage";
import { csvChunk, csvResponse } from "@/lib/csv";
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
  const t = await getTranslations("visits.coverage");
  const labels = {
    butler: t("butler"),
    community: t("community"),
    households: t("households"),
    sampled: t("sampled"),
    visited: t("visited"),
    coverage: `${t("coverage")} %`,
  };
  // Streamed: the download starts at once, the rows follow when the report is counted.
  const rows = async () => {
    const db = getDb();
    const view = await loadRegistryView(db, user.companyId, { userId: user.id, roles: user.roles });
    return coverageCsvRows(await coverageReport(db, user.companyId, quarter, view), labels);
  };
  return csvResponse(`visit-coverage-${quarter}.csv`, csvChunk(rows));
}
