import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";

/** The butler's visits of the quarter on a phone (below md; the page shows its table above it): one tappable card each. */
export async function VisitCards({
  visits,
  locale,
  timeZone,
}: {
  visits: {
    id: number;
    householdName: string;
    householdCode: string | null;
    sampledMonth: string;
    visitedAt: Date | null;
  }[];
  locale: Locale;
  timeZone: string;
}) {
  const t = await getTranslations("visits.coverage");
  return (
    <ul className="space-y-2">
      {visits.map((v) => (
        <li key={v.id}>
          <Link
            href={`/staff/crm/visits/${v.id}`}
            className="block min-h-11 rounded-lg bg-white p-3 ring-1 ring-slate-200"
            data-testid="my-visit-card"
          >
            <div className="flex items-center justify-between gap-2 text-sm">
              <span className="break-words font-medium text-slate-900" data-user-text>
                {v.householdName}
              </span>
              <span className={v.visitedAt ? "text-emerald-800" : "text-amber-800"}>
                {v.visitedAt ? t("done") : t("pending")}
              </span>
            </div>
            <p className="mt-1 text-xs text-slate-600">
              {[v.householdCode, v.sampledMonth, v.visitedAt ? formatDateTime(v.visitedAt, locale, timeZone) : null]
                .filter(Boolean)
                .join(" · ")}
            </p>
          </Link>
        </li>
      ))}
    </ul>
  );
}
