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
            tick={<NameTick angle={data.length > 8 ? -30 : 0} />}
            interval={0}
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

/** An axis label that is a person's name: user text (left out of the e2e language check), rotated when crowded. */
function NameTick({ x, y, payload, angle }: { x?: number; y?: number; payload?: { value: string }; angle: number }) {
  return (
    <g transform={`translate(${x ?? 0},${y ?? 0})`}>
      <text
        dy={12}
        fontSize={12}
        fill="#475569"
        textAnchor={angle ? "end" : "middle"}
        transform={angle ? `rotate(${angle})` : undefined}
        data-user-text
      >
        {payload?.value}
      </text>
    </g>
  );
}
