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
import { BAND_STYLE } from "@/components/crm/band-style";
import { BANDS, type Band } from "@/lib/crm/config";

/** Households per band as a donut in the band colours. */
export function BandDonut({ counts, labels }: { counts: Record<Band, number>; labels: Record<Band, string> }) {
  const data = BANDS.map((b) => ({ band: b, name: `${BAND_STYLE[b].emoji} ${labels[b]}`, value: counts[b] })).filter(
    (d) => d.value > 0,
  );
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

/** Stacked households per band at each week end, with the mean score as a line. */
export function TrendChart({
  data,
  labels,
  meanLabel,
}: {
  data: TrendPoint[];
  labels: Record<Band, string>;
  meanLabel: string;
}) {
  return (
    <div className="h-72 w-full" role="img" aria-label={meanLabel}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="weekEnd" tick={{ fontSize: 11 }} tickFormatter={(d: string) => d.slice(5)} />
          <YAxis yAxisId="n" allowDecimals={false} tick={{ fontSize: 12 }} width={48} />
          <YAxis yAxisId="score" orientation="right" domain={[0, 100]} tick={{ fontSize: 12 }} width={36} />
          <Tooltip />
          <Legend />
          {[...BANDS].reverse().map((b) => (
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
  );
}
