import { getTranslations } from "next-intl/server";
import { BUTLER_KPIS, TECHNICIAN_KPIS, type AssessedRole } from "@/lib/hr/kpi";

const UNIT: Record<string, "pct" | "score" | "count" | "rating"> = {
  sentimentMean: "score",
  visitCoveragePct: "pct",
  collectionPct: "pct",
  complaintSlaPct: "pct",
  ordersCompleted: "count",
  slaPct: "pct",
  ratingMean: "rating",
  inspectionPct: "pct",
};

/** One card per KPI of the role; a KPI without data says so instead of showing 0. */
export async function KpiCards({ role, kpis }: { role: AssessedRole; kpis: Record<string, number | null> }) {
  const t = await getTranslations("hr.assessments");
  const keys = role === "butler" ? BUTLER_KPIS : TECHNICIAN_KPIS;
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="kpi-cards">
      {keys.map((k) => {
        const v = kpis[k];
        const unit = UNIT[k];
        const shown =
          v == null
            ? null
            : unit === "pct"
              ? `${v.toFixed(1)}%`
              : unit === "rating"
                ? `${v.toFixed(1)} / 5`
                : unit === "score"
                  ? v.toFixed(1)
                  : String(v);
        return (
          <div key={k} className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200" data-kpi={k}>
            <div className="text-xs text-slate-500">{t(`kpi.${k}`)}</div>
            <div
              className={`mt-1 text-lg font-semibold tabular-nums ${shown == null ? "text-slate-400" : "text-slate-900"}`}
            >
              {shown ?? t("noData")}
            </div>
          </div>
        );
      })}
      {role === "butler" && kpis.households != null ? (
        <p className="col-span-2 text-xs text-slate-500 lg:col-span-4">
          {t("householdsNote", { count: kpis.households })}
        </p>
      ) : null}
    </div>
  );
}
