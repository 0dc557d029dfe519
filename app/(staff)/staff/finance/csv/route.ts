import { getTranslations } from "next-intl/server";
import { categoryLabel } from "@/components/finance/category-label";
import { hasAnyRole } from "@/lib/auth/roles";
import { getSessionUser } from "@/app/_lib/session";
import { csvChunk, csvResponse, type CsvCell } from "@/lib/csv";
import { getDb } from "@/lib/db";
import { FINANCE_REPORT_ROLES } from "@/lib/finance/access";
import { resolveReportScope } from "@/lib/finance/page-scope";
import { budgetVsActual } from "@/lib/finance/reports";
import { MONTHS, type Variance } from "@/lib/finance/rules";
import { localParts } from "@/lib/time/zone";

export const dynamic = "force-dynamic";

/** Numbers, not strings: the CSV writer defuses text starting with "-", which would mangle negative amounts. */
const yuan = (fen: number) => fen / 100;

/** GET /staff/finance/csv?year=&community= — budget vs actual per category and month, YTD and year; scoped like the page. */
export async function GET(request: Request) {
  const user = await getSessionUser();
  if (!user) return new Response("unauthenticated", { status: 401 });
  if (!hasAnyRole(user.roles, FINANCE_REPORT_ROLES)) return new Response("forbidden", { status: 403 });
  const url = new URL(request.url);
  const today = localParts(new Date(), user.timeZone).date;
  const thisYear = Number(today.slice(0, 4));
  const y = url.searchParams.get("year") ?? "";
  const year = /^\d{4}$/.test(y) && Math.abs(Number(y) - thisYear) <= 10 ? Number(y) : thisYear;
  const db = getDb();
  const { scope, chosen } = await resolveReportScope(db, user, url.searchParams.get("community") ?? undefined);
  const t = await getTranslations("finance");
  const v = (x: Variance) => [
    yuan(x.budget),
    yuan(x.actual),
    yuan(x.variance),
    x.variancePct === null ? "" : x.variancePct,
  ];
  const head = [
    t("bva.category"),
    t("year"),
    ...MONTHS.flatMap((m) => [`${year}-${m} ${t("bva.budget")}`, `${year}-${m} ${t("bva.actual")}`]),
    ...[t("bva.budget"), t("bva.actual"), t("bva.variance"), t("bva.variancePct")].map(
      (h) => `${t("bva.ytdShort")} ${h}`,
    ),
    ...[t("bva.budget"), t("bva.actual"), t("bva.variance"), t("bva.variancePct")].map(
      (h) => `${t("bva.yearTotal")} ${h}`,
    ),
  ];
  // Streamed: the download starts at once, the rows follow when the year is summed up.
  const rows = async (): Promise<CsvCell[][]> => {
    const bva = await budgetVsActual(db, user.companyId, scope, year, today);
    return [
      head,
      ...bva.rows.map((r) => [
        categoryLabel(t, r.code, r.name),
        t(`kind.${r.kind}`),
        ...r.months.flatMap((m) => [yuan(m.budget), yuan(m.actual)]),
        ...v(r.ytd),
        ...v(r.year),
      ]),
      ...(["income", "expense"] as const).map((k) => [
        t(k === "income" ? "bva.totalIncome" : "bva.totalExpense"),
        t(`kind.${k}`),
        ...bva[k].months.flatMap((m) => [yuan(m.budget), yuan(m.actual)]),
        ...v(bva[k].ytd),
        ...v(bva[k].year),
      ]),
    ];
  };
  return csvResponse(`budget-vs-actual-${year}${chosen ? `-${chosen.id}` : ""}.csv`, csvChunk(rows));
}
