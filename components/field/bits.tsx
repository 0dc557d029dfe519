import { dateToZonedLocal } from "@/lib/time/zone";

const TONE: Record<string, string> = {
  open: "bg-sky-50 text-sky-800 ring-sky-200",
  done: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  late: "bg-amber-50 text-amber-800 ring-amber-200",
  missed: "bg-red-50 text-red-800 ring-red-200",
};

/** A status pill of a cleaning task or a patrol round (the label is already translated). */
export function FieldStatus({ status, label }: { status: string; label: string }) {
  return (
    <span
      className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${TONE[status] ?? TONE.open}`}
      data-status={status}
    >
      {label}
    </span>
  );
}

/** "HH:MM" of an instant in the company's time zone. */
export function hhmm(at: Date, timeZone: string): string {
  return dateToZonedLocal(at, timeZone).slice(11, 16);
}
