import { getLocale, getTranslations } from "next-intl/server";
import { authorizeRoute, routeError } from "@/lib/actions/authorized-route";
import { isLocale } from "@/lib/i18n/config";
import { exportBuildingsCsv, exportUnitsCsv } from "@/lib/registry/import/export";
import { csvDownload, exportQuerySchema, IMPORT_ROLES, queryOf } from "@/lib/registry/import/http";
import { importScopeOf } from "@/lib/registry/import/scope";
import { findCommunity } from "@/lib/registry/import/snapshot";
import { localDate } from "@/lib/time/zone";

export const dynamic = "force-dynamic";

/**
 * GET /api/registry/import/export?kind=buildings|units&communityId=3 → the community's data
 * in the import format (UTF-8 with BOM). A community of another company is 404.
 */
export async function GET(request: Request) {
  const auth = await authorizeRoute(request, IMPORT_ROLES);
  if (!auth.ok) return auth.response;
  const query = queryOf(exportQuerySchema, request);
  if (!query) return routeError("validation");
  const { db, companyId, user } = auth.ctx;
  const community = await findCommunity(db, companyId, query.communityId);
  if (!community) return routeError("not_found");
  if (!(await importScopeOf(db, companyId, user)).allows(community.id)) return routeError("forbidden");
  const locale = await getLocale();
  const csv =
    query.kind === "buildings"
      ? await exportBuildingsCsv(db, companyId, community.id)
      : await exportUnitsCsv(db, companyId, community.id, isLocale(locale) ? locale : "zh-CN");
  if (csv === null) return routeError("not_found");
  const t = await getTranslations("import.files");
  return csvDownload(
    csv,
    `${t(`export.${query.kind}`, { community: community.name, date: localDate(new Date(), user.timeZone) })}.csv`,
  );
}
