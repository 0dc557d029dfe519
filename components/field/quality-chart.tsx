"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type QualityPoint = { month: string } & Record<string, number | null | string>;

const COLORS = ["#167257", "#b45309", "#2563eb", "#7c3aed", "#64748b"];

/** The monthly quality score (%) overall (bold) and per team, one line each, over the last months. */
export function QualityChart({
  data,
  series,
  label,
}: {
  data: QualityPoint[];
  series: { key: string; name: string }[];
  label: string;
}) {
  return (
    <div className="h-72 w-full" role="img" aria-label={label} data-testid="quality-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="month" tick={{ fontSize: 12 }} />
          <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} width={48} />
          <Tooltip formatter={(v) => (v == null ? "—" : `${v}%`)} />
          <Legend />
          {series.map((s, i) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.name}
              stroke={i === 0 ? "#0f172a" : COLORS[(i - 1) % COLORS.length]}
              strokeWidth={i === 0 ? 3 : 2}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
