"use client";

import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Coverage % per butler (bars) against the quarter's target (a dashed line). */
export function CoverageChart({
  data,
  target,
  labels,
}: {
  data: { name: string; coverage: number }[];
  target: number;
  labels: { coverage: string; target: string; chart: string };
}) {
  return (
    <div className="h-72 w-full" role="img" aria-label={labels.chart}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis
            dataKey="name"
            tick={{ fontSize: 12 }}
            interval={0}
            angle={data.length > 8 ? -30 : 0}
            textAnchor={data.length > 8 ? "end" : "middle"}
            height={data.length > 8 ? 60 : 30}
          />
          <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} width={48} />
          <Tooltip formatter={(v) => `${v}%`} />
          <ReferenceLine
            y={target}
            stroke="#b45309"
            strokeDasharray="6 4"
            label={{ value: labels.target, position: "insideTopRight", fontSize: 12, fill: "#b45309" }}
          />
          <Bar dataKey="coverage" name={labels.coverage} fill="#167257" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
