"use client";

import { useMoneyAxis } from "@/components/ui/money-axis";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ChartPoint {
  month: string;
  /** Yuan (whole), for display only: the figures come from integer fen on the server. */
  billed: number;
  collected: number;
  /** Percent with one decimal. */
  rate: number | null;
}

/** Billed vs collected per month (bars, yuan) and the collection rate (line, %). */
export function CollectionChart({
  data,
  labels,
}: {
  data: ChartPoint[];
  labels: { billed: string; collected: string; rate: string };
}) {
  const { money, tooltip } = useMoneyAxis();
  return (
    <div className="h-72 w-full" role="img" aria-label={`${labels.billed} / ${labels.collected} / ${labels.rate}`}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="month" tick={{ fontSize: 12 }} />
          <YAxis yAxisId="money" tick={{ fontSize: 12 }} tickFormatter={money} width={70} />
          <YAxis yAxisId="rate" orientation="right" domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} width={44} />
          <Tooltip formatter={tooltip} />
          <Legend />
          <Bar yAxisId="money" dataKey="billed" name={labels.billed} fill="#cbd5e1" isAnimationActive={false} />
          <Bar yAxisId="money" dataKey="collected" name={labels.collected} fill="#167257" isAnimationActive={false} />
          <Line
            yAxisId="rate"
            dataKey="rate"
            name={labels.rate}
            stroke="#b45309"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
