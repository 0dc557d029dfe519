import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/card";
import { formatHours } from "@/lib/hr/training";

export interface TrainingRow {
  id: number;
  title: string;
  date: string;
  hoursTenths: number;
  trainer: string;
  attendedAt: Date | null;
  completedAt: Date | null;
  score: number | null;
}

/** A person's courses as a list that fits a phone: title, date, hours, state and score. */
export async function TrainingRecord({
  rows,
  hoursThisYear,
  year,
}: {
  rows: TrainingRow[];
  hoursThisYear: number;
  year: number;
}) {
  const t = await getTranslations("hr.training");
  return (
    <div className="space-y-3" data-testid="training-record">
      <p className="text-sm text-slate-700">{t("hoursYear", { year, hours: formatHours(hoursThisYear) })}</p>
      {rows.length === 0 ? (
        <EmptyState>{t("noRecord")}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {rows.map((r) => (
            <li key={r.id} className="flex items-start justify-between gap-3 py-2 text-sm">
              <div className="min-w-0">
                <div className="font-medium text-slate-900">{r.title}</div>
                <div className="text-xs text-slate-500">
                  {r.date} · {t("hoursShort", { hours: formatHours(r.hoursTenths) })} · {r.trainer}
                </div>
              </div>
              <div className="shrink-0 text-right">
                <div
                  className={`text-xs ${r.completedAt ? "text-emerald-700" : r.attendedAt ? "text-sky-700" : "text-slate-500"}`}
                >
                  {t(r.completedAt ? "state.completed" : r.attendedAt ? "state.attended" : "state.enrolled")}
                </div>
                {r.score != null ? (
                  <div className="font-semibold tabular-nums">{t("scoreShort", { score: r.score })}</div>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
