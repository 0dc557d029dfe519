import Link from "next/link";

export interface TargetBar {
  label: string;
  /** Share 0–1, or null when nothing was billed. */
  value: number | null;
  text: string;
  href: string;
  testId?: string;
}

/**
 * A small bullet chart: one horizontal bar per row (this month, last month) on a 0–100 % scale,
 * with the target drawn as a vertical mark across all rows. Each row is a link to the list behind it.
 */
export function TargetBars({
  rows,
  target,
  targetLabel,
}: {
  rows: TargetBar[];
  target: number | null;
  targetLabel: string | null;
}) {
  const clamp = (v: number) => Math.max(0, Math.min(1, v)) * 100;
  return (
    <div className="space-y-2" data-testid="wb-target-bars">
      {rows.map((r) => {
        const below = target !== null && r.value !== null && r.value < target;
        return (
          <Link
            key={r.label}
            href={r.href}
            data-testid={r.testId}
            className="grid min-h-11 grid-cols-[7rem_1fr_4rem] items-center gap-2 rounded-md px-1 hover:bg-slate-50 sm:grid-cols-[9rem_1fr_5rem]"
          >
            <span className="text-xs text-slate-600">{r.label}</span>
            <span className="relative block h-4 rounded bg-slate-100" aria-hidden>
              <span
                className={`absolute inset-y-0 left-0 rounded ${below ? "bg-amber-500" : "bg-brand-600"}`}
                style={{ width: `${clamp(r.value ?? 0)}%` }}
              />
              {target !== null ? (
                <span
                  className="absolute -inset-y-1 w-0.5 bg-slate-900"
                  style={{ left: `calc(${clamp(target)}% - 1px)` }}
                />
              ) : null}
            </span>
            <span className="text-right text-sm font-semibold tabular-nums" data-figure>
              {r.text}
            </span>
          </Link>
        );
      })}
      {targetLabel ? (
        <p className="flex items-center gap-2 text-xs text-slate-600">
          <span className="inline-block h-3 w-0.5 bg-slate-900" aria-hidden />
          {targetLabel}
        </p>
      ) : null}
    </div>
  );
}
