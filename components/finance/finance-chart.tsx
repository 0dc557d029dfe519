"use client";

import { useMoneyAxis } from "@/components/ui/money-axis";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface FinancePoint {
  month: string;
  /** Whole yuan, for display only (the figures are integer fen on the server). */
  incomeBudget: number;
  incomeActual: number;
  expenseBudget: number;
  expenseActual: number;
}

/** Income and expenses per month: actuals as bars, budgets as lines. */
export function FinanceChart({
  data,
  labels,
}: {
  data: FinancePoint[];
  labels: Record<"incomeBudget" | "incomeActual" | "expenseBudget" | "expenseActual", string>;
}) {
  const { money, tooltip } = useMoneyAxis();
  return (
    <div className="h-72 w-full print:h-60" role="img" aria-label={Object.values(labels).join(" / ")}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="month" tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} tickFormatter={money} width={80} />
          <Tooltip formatter={tooltip} />
          <Legend />
          <Bar dataKey="incomeActual" name={labels.incomeActual} fill="#167257" isAnimationActive={false} />
          <Bar dataKey="expenseActual" name={labels.expenseActual} fill="#dc2626" isAnimationActive={false} />
          <Line
            dataKey="incomeBudget"
            name={labels.incomeBudget}
            stroke="#0f766e"
            strokeDasharray="5 3"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="expenseBudget"
            name={labels.expenseBudget}
            stroke="#b45309"
            strokeDasharray="5 3"
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
