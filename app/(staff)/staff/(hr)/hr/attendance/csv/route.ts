import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/app/_lib/session";
import { hasAnyRole } from "@/lib/auth/roles";
import { csvChunk, csvResponse } from "@/lib/csv";
import { getDb } from "@/lib/db";
import { HR_MANAGE_ROLES } from "@/lib/hr/access";
import { monthSheet } from "@/lib/hr/attendance-queries";

import { sheetCsvRows } from "@/lib/hr/sheet-csv";
import { isMonth } from "@/lib/time/calendar";
import { localParts } from "@/lib/time/zone";

export const dynamic = "force-dynamic";

/** GET /staff/hr/attendance/csv?month=YYYY-MM&community=ID — HR and admin, own company only. */
export async function GET(request: Request) {
  const user = await getSessionUser();
  if (!user) return new Response("unauthenticated", { status: 401 });
  if (!hasAnyRole(user.roles, HR_MANAGE_ROLES)) return new Response("forbidden", { status: 403 });
  const url = new URL(request.url);
  const raw = url.searchParams.get("month") ?? "";
  const month = isMonth(raw) ? raw : localParts(new Date(), user.timeZone).date.slice(0, 7);
  const community = Number(url.searchParams.get("community"));
  const t = await getTranslations("hr.sheet");
  // Streamed: the download starts at once, the sheet's rows follow when the month is summed up.
  const rows = async () => {
    const sheet = await monthSheet(getDb(), user.companyId, month, {
      communityId: Number.isInteger(community) && community > 0 ? community : null,
    });
    return sheetCsvRows(sheet.rows, sheet.totals, (k) => t(k));
  };
  return csvResponse(`attendance-${month}.csv`, csvChunk(rows));
}
