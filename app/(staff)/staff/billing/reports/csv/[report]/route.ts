import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/app/_lib/session";
import { hasAnyRole } from "@/lib/auth/roles";
import { BILLING_ROLES } from "@/lib/billing/access";
import { csvResponse } from "@/lib/csv";
import { parseGrouping, REPORTS, reportCsvChunks, type ReportName } from "@/lib/billing/reports";
import { getDb } from "@/lib/db";
import { addMonths, isMonth } from "@/lib/time/calendar";
import { localDate } from "@/lib/time/zone";

export const dynamic = "force-dynamic";

const LABEL_KEYS: Record<string, string> = {
  name: "common.household",
  households: "common.households",
  owed: "common.owed",
  unassigned: "common.unassigned",
  billed: "bills.billed",
  collected: "bills.collected",
  rate: "reports.rate",
  receiptNo: "common.receiptNo",
  receivedAt: "common.receivedAt",
  household: "common.household",
  method: "common.method",
  amount: "common.amount",
  cashier: "receipt.cashier",
  total: "common.total",
  refunds: "reports.refunds",
};

/** GET …/reports/csv/{aging|collection|collection-month|daily-cash}?group=&from=&to=&date= — finance/admin, own company only. */
export async function GET(request: Request, { params }: { params: Promise<{ report: string }> }) {
  const user = await getSessionUser();
  if (!user) return new Response("unauthenticated", { status: 401 });
  if (!hasAnyRole(user.roles, BILLING_ROLES)) return new Response("forbidden", { status: 403 });
  const { report } = await params;
  if (!(REPORTS as readonly string[]).includes(report)) return new Response("not found", { status: 404 });
  const url = new URL(request.url);
  const today = localDate(new Date(), user.timeZone);
  const to = isMonth(url.searchParams.get("to") ?? "") ? url.searchParams.get("to")! : today.slice(0, 7);
  const from = isMonth(url.searchParams.get("from") ?? "") ? url.searchParams.get("from")! : addMonths(to, -11);
  const date = /^\d{4}-\d{2}-\d{2}$/.test(url.searchParams.get("date") ?? "") ? url.searchParams.get("date")! : today;
  const t = await getTranslations("billing");
  const label = (key: string) => t(LABEL_KEYS[key] ?? key);
  // Streamed: the download starts at once; the daily cash list comes in keyset pages.
  const chunks = reportCsvChunks(
    getDb(),
    user.companyId,
    report as ReportName,
    { today, grouping: parseGrouping(url.searchParams.get("group")), from, to, date, timeZone: user.timeZone },
    label,
  );
  return csvResponse(`${report}-${report === "daily-cash" ? date : today}.csv`, chunks);
}
