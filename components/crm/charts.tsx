"use client";

import {
  Bar,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { BAND_STYLE } from "@/components/crm/band-style";
import { formatPercentAxis } from "@/lib/i18n/axis";
import { BANDS, type Band } from "@/lib/crm/config";

/** Households per band as a donut in the band colours. */
export function BandDonut({ counts, labels }: { counts: Record<Band, number>; labels: Record<Band, string> }) {
  const data = BANDS.map((b) => ({ band: b, name: `${BAND_STYLE[b].emoji} ${labels[b]}`, value: counts[b] })).filter(
    (d) => d.value > 0,
  );
  const t = useTranslations("crm.charts");
  if (!data.length) return <ChartEmpty text={t("emptyDistribution")} />;
  return (
    <div className="h-56 w-full" role="img" aria-label={BANDS.map((b) => `${labels[b]} ${counts[b]}`).join(", ")}>
      <ResponsiveContainer width="100%" height="100%">
        <PieChart>
          <Pie data={data} dataKey="value" nameKey="name" innerRadius="55%" outerRadius="90%" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.band} fill={BAND_STYLE[d.band].color} />
            ))}
          </Pie>
          <Tooltip />
        </PieChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Side-by-side bars per band (e.g. current vs draft rules). */
export function BandCompare({
  rows,
  labels,
  series,
}: {
  rows: { band: Band; a: number; b: number }[];
  labels: Record<Band, string>;
  series: { a: string; b: string };
}) {
  const data = rows.map((r) => ({ ...r, name: `${BAND_STYLE[r.band].emoji} ${labels[r.band]}` }));
  return (
    <div className="h-64 w-full" role="img" aria-label={`${series.a} / ${series.b}`}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="name" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={48} />
          <Tooltip />
          <Legend />
          <Bar dataKey="a" name={series.a} fill="#94a3b8" isAnimationActive={false} />
          <Bar dataKey="b" name={series.b} isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.band} fill={BAND_STYLE[d.band].color} />
            ))}
          </Bar>
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

export interface TrendPoint extends Record<Band, number> {
  weekEnd: string;
  mean: number | null;
}

type TrendMode = "count" | "percent" | "risk";
const RISK_BANDS: readonly Band[] = ["fair", "poor", "critical"];

/** The bands in their one order (excellent → critical) with their one set of colours. */
export function BandLegend({ labels, bands = BANDS }: { labels: Record<Band, string>; bands?: readonly Band[] }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" data-testid="band-legend">
      {bands.map((b) => (
        <li key={b} className="flex items-center gap-1" data-band={b}>
          <span className="inline-block h-3 w-3 rounded-sm" style={{ background: BAND_STYLE[b].color }} aria-hidden />
          {BAND_STYLE[b].emoji} {labels[b]}
        </li>
      ))}
    </ul>
  );
}

function ChartEmpty({ text }: { text: string }) {
  return (
    <p
      className="flex h-40 items-center justify-center rounded-md border border-dashed border-slate-300 p-4 text-center text-sm text-slate-600"
      data-testid="chart-empty"
    >
      {text}
    </p>
  );
}

/** Each week's bands as shares of that week's households (0–1), for the percent view. */
function asShares(data: TrendPoint[]): TrendPoint[] {
  return data.map((p) => {
    const total = BANDS.reduce((s, b) => s + p[b], 0);
    const out = { ...p };
    for (const b of BANDS) out[b] = total ? p[b] / total : 0;
    return out;
  });
}

/**
 * Households per band at each week end (stacked, excellent at the bottom so the small at-risk
 * bands sit on top where they are seen), with the mean score as a line. Three views: counts,
 * percent of households, and the at-risk bands alone on their own scale.
 */
export function TrendChart({
  data,
  labels,
  meanLabel,
}: {
  data: TrendPoint[];
  labels: Record<Band, string>;
  meanLabel: string;
}) {
  const t = useTranslations("crm.charts");
  const [mode, setMode] = useState<TrendMode>("percent");
  if (!data.length || data.every((p) => BANDS.every((b) => !p[b]))) return <ChartEmpty text={t("emptyTrend")} />;
  const bands = mode === "risk" ? RISK_BANDS : BANDS;
  const shown = mode === "percent" ? asShares(data) : data;
  return (
    <div>
      <div className="mb-2 flex flex-wrap gap-2" role="group" aria-label={t("view")}>
        {(["percent", "count", "risk"] as const).map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={mode === m}
            data-testid={`trend-mode-${m}`}
            onClick={() => setMode(m)}
            className={`min-h-9 rounded-full px-3 text-sm ${mode === m ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}
          >
            {t(`mode.${m}`)}
          </button>
        ))}
      </div>
      <div className="h-72 w-full" role="img" aria-label={`${meanLabel} · ${t(`mode.${mode}`)}`}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={shown} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="weekEnd" tick={{ fontSize: 11 }} tickFormatter={(d: string) => d.slice(5)} />
            <YAxis
              yAxisId="n"
              allowDecimals={false}
              tick={{ fontSize: 12 }}
              width={48}
              domain={mode === "percent" ? [0, 1] : [0, "auto"]}
              tickFormatter={mode === "percent" ? formatPercentAxis : undefined}
            />
            <YAxis yAxisId="score" orientation="right" domain={[0, 100]} tick={{ fontSize: 12 }} width={36} />
            <Tooltip
              formatter={(v, name) => [
                mode === "percent" && typeof v === "number" && name !== meanLabel ? formatPercentAxis(v) : String(v),
                name,
              ]}
            />
            {bands.map((b) => (
              <Bar
                key={b}
                yAxisId="n"
                dataKey={b}
                stackId="bands"
                name={labels[b]}
                fill={BAND_STYLE[b].color}
                isAnimationActive={false}
              />
            ))}
            <Line
              yAxisId="score"
              dataKey="mean"
              name={meanLabel}
              stroke="#0f172a"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <BandLegend labels={labels} bands={bands} />
    </div>
  );
}
