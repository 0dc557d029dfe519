import { getTranslations } from "next-intl/server";
import { authorizeRoute, routeError } from "@/lib/actions/authorized-route";
import { templateCsv } from "@/lib/registry/import/export";
import { csvDownload, IMPORT_ROLES, queryOf, templateQuerySchema } from "@/lib/registry/import/http";

export const dynamic = "force-dynamic";

/** GET /api/registry/import/template?kind=buildings|units → the CSV template (bilingual header row, UTF-8 with BOM). */
export async function GET(request: Request) {
  const auth = await authorizeRoute(request, IMPORT_ROLES);
  if (!auth.ok) return auth.response;
  const query = queryOf(templateQuerySchema, request);
  if (!query) return routeError("validation");
  const t = await getTranslations("import.files");
  return csvDownload(templateCsv(query.kind), `${t(`template.${query.kind}`)}.csv`);
}
