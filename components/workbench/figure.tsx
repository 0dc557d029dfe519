import Link from "next/link";
import type { ReactNode } from "react";

const TONES = {
  plain: "bg-white ring-slate-200 text-slate-900",
  alert: "bg-red-50 ring-red-200 text-red-800",
  warn: "bg-amber-50 ring-amber-200 text-amber-900",
  good: "bg-emerald-50 ring-emerald-200 text-emerald-900",
} as const;

/** One workbench figure: a label and a number, the whole tile a link to the list behind it. */
export function Figure({
  label,
  value,
  href,
  tone = "plain",
  hint,
  testId,
}: {
  label: string;
  value: ReactNode;
  href: string;
  tone?: keyof typeof TONES;
  hint?: ReactNode;
  testId?: string;
}) {
  return (
    <Link
      href={href}
      data-testid={testId}
      className={`block min-h-11 rounded-md p-3 ring-1 hover:ring-brand-600 focus-visible:ring-2 ${TONES[tone]}`}
    >
      <span className="block text-xs text-slate-600">{label}</span>
      <span className="mt-1 block text-xl font-semibold tabular-nums" data-figure>
        {value}
      </span>
      {hint ? <span className="mt-0.5 block text-xs text-slate-600">{hint}</span> : null}
    </Link>
  );
}

export function FigureGrid({ children }: { children: ReactNode }) {
  return <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">{children}</div>;
}
