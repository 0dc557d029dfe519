/**
 * A determinate progress bar for long work (issue 16 point 7): `done` of `total`, or an
 * indeterminate pulse while the total is not known yet. Works in server and client components.
 */
export function ProgressBar({
  done,
  total,
  label,
  text,
  testId,
}: {
  done: number;
  total: number;
  label: string;
  text: string;
  testId?: string;
}) {
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div className="space-y-1" data-testid={testId}>
      <p className="text-sm text-slate-700" aria-live="polite">
        {text}
      </p>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={`h-full bg-brand-600 transition-[width] ${total === 0 ? "w-1/3 animate-pulse" : ""}`}
          style={total > 0 ? { width: `${percent}%` } : undefined}
        />
      </div>
    </div>
  );
}
