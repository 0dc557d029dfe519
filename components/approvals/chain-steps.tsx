import { Check, Circle, CircleDot, X } from "lucide-react";
import { getLocale, getTranslations } from "next-intl/server";
import type { RequestDetail } from "@/lib/approvals/queries";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";

/** The current round's chain as steps: done / current / pending (and rejected / returned / cancelled). */
export async function ChainSteps({ detail, timeZone }: { detail: RequestDetail; timeZone: string }) {
  const t = await getTranslations("approvals");
  const tr = await getTranslations("roles");
  const locale = (await getLocale()) as Locale;
  const steps = detail.steps.filter((s) => s.round === detail.round);
  if (!steps.length) return <p className="text-sm text-slate-500">—</p>;
  return (
    <ol className="flex flex-col gap-3 sm:flex-row sm:flex-wrap" data-testid="chain">
      {steps.map((s) => {
        const current = detail.status === "pending" && detail.currentStep === s.position;
        const state = current ? "current" : s.status === "approved" ? "done" : s.status;
        const Icon =
          state === "done"
            ? Check
            : state === "current"
              ? CircleDot
              : state === "rejected" || state === "returned"
                ? X
                : Circle;
        const tone =
          state === "done"
            ? "border-emerald-300 bg-emerald-50 text-emerald-800"
            : state === "current"
              ? "border-amber-400 bg-amber-50 text-amber-900"
              : state === "rejected" || state === "returned"
                ? "border-red-300 bg-red-50 text-red-800"
                : "border-slate-200 bg-white text-slate-500";
        return (
          <li
            key={s.position}
            className={`min-w-40 rounded-md border px-3 py-2 text-sm ${tone}`}
            data-testid={`step-${s.position}`}
            data-state={state}
          >
            <div className="flex items-center gap-1 font-medium">
              <Icon className="h-4 w-4" aria-hidden />
              {s.position + 1}. {tr(s.role as "supervisor")}
            </div>
            <div className="text-xs">
              {t(`stepStatus.${state === "done" ? "approved" : state}` as "stepStatus.pending")}
            </div>
            {s.actorName ? (
              <div className="text-xs">
                <span data-user-text>{s.actorName}</span>
                {s.actedAt ? ` · ${formatDateTime(s.actedAt, locale, timeZone)}` : ""}
              </div>
            ) : null}
            {s.comment ? (
              <div className="mt-1 text-xs italic" data-user-text>
                “{s.comment}”
              </div>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
