import { getLocale, getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/config";
import { formatDate } from "@/lib/i18n/format";
import type { HomeRequest } from "@/lib/residents/home";
import { UnitList } from "./household-card";

/** A pending or rejected request to be linked to a household, as the resident sees it. */
export async function RequestCard({ request, timeZone }: { request: HomeRequest; timeZone: string }) {
  const t = await getTranslations("residents");
  const locale = (await getLocale()) as Locale;
  const pending = request.status === "pending";
  return (
    <li
      data-testid="request-card"
      className={`rounded-md p-3 ring-1 ${pending ? "bg-amber-50 ring-amber-200" : "bg-red-50 ring-red-200"}`}
    >
      <div className="mb-2 flex items-center justify-between gap-2">
        <span
          className={`rounded px-2 py-0.5 text-xs font-medium ${pending ? "bg-amber-100 text-amber-800" : "bg-red-100 text-red-800"}`}
        >
          {t(`status.${request.status}`)}
        </span>
        <span className="text-xs text-slate-500">
          {t(`relation.${request.relation}`)} ·{" "}
          {t("home.requestedOn", { date: formatDate(request.requestedAt, locale, timeZone) })}
        </span>
      </div>
      <UnitList units={request.units} />
      <p className={`mt-2 text-sm ${pending ? "text-amber-900" : "text-red-800"}`}>
        {pending
          ? t("home.pendingHelp")
          : request.reason
            ? t("home.rejectedReason", { reason: request.reason })
            : t("home.rejectedNoReason")}
      </p>
    </li>
  );
}
