import { getTranslations } from "next-intl/server";
import { AppError } from "@/lib/actions/result";
import { authorizeRoute, routeError } from "@/lib/actions/authorized-route";
import { csvDownload, importQuerySchema, IMPORT_ROLES, queryOf, readUpload } from "@/lib/registry/import/http";
import { TOO_LARGE } from "@/lib/registry/import/parse";
import { importScopeOf } from "@/lib/registry/import/scope";
import { errorReportCsv, reportForPage } from "@/lib/registry/import/report";
import { checkImport, fileProblemReport, type CheckReport } from "@/lib/registry/import/check";
import { localDate } from "@/lib/time/zone";

export const dynamic = "force-dynamic";

/**
 * POST /api/registry/import/check?kind=units&communityId=3&name=房屋.csv — body: the file.
 * Reads and validates it against the registry; writes nothing. Answers the report as JSON
 * (the first errors), or with &format=csv the complete error report as a CSV download.
 */
export async function POST(request: Request) {
  const auth = await authorizeRoute(request, IMPORT_ROLES);
  if (!auth.ok) return auth.response;
  const query = queryOf(importQuerySchema, request);
  if (!query) return routeError("validation");
  const { db, companyId, user } = auth.ctx;
  const bytes = await readUpload(request);
  let report: CheckReport;
  try {
    report =
      bytes === "tooLarge"
        ? fileProblemReport(query.kind, TOO_LARGE)
        : await checkImport(
            db,
            companyId,
            { kind: query.kind, communityId: query.communityId ?? null, bytes, name: query.name, type: query.type },
            await importScopeOf(db, companyId, user),
          );
  } catch (e) {
    if (e instanceof AppError) return routeError(e.code, e.message);
    throw e;
  }
  if (query.format !== "csv")
    return Response.json({ ok: true, report: reportForPage(report) }, { headers: { "Cache-Control": "no-store" } });
  const t = await getTranslations();
  const labels = await getTranslations("import.report");
  const csv = errorReportCsv(report, (key, params) => t(key, params), {
    row: labels("row"),
    column: labels("column"),
    field: labels("field"),
    value: labels("value"),
    problem: labels("problem"),
  });
  return csvDownload(csv, `${labels("fileName", { date: localDate(new Date(), user.timeZone) })}.csv`);
}
