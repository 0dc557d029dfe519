import { getTranslations } from "next-intl/server";
import { slaCountdown, splitMinutes } from "@/lib/tickets/queue-rules";
import type { SlaState } from "@/lib/tickets/rules";

/** "Accept within 1 h 20 min" / "Resolve overdue by 2 d 3 h", red when overdue, amber under two hours. */
export async function SlaCountdown({ order, now }: { order: SlaState; now: Date }) {
  const c = slaCountdown(order, now);
  if (!c) return <span className="text-slate-400">—</span>;
  const t = await getTranslations("tickets.sla");
  const d = splitMinutes(c.minutes);
  const span =
    d.days > 0
      ? t("days", { days: d.days, hours: d.hours })
      : d.hours > 0
        ? t("hours", { hours: d.hours, minutes: d.minutes })
        : t("minutes", { minutes: d.minutes });
  const tone = c.overdue ? "text-red-700 font-semibold" : c.minutes < 120 ? "text-amber-700" : "text-slate-600";
  return (
    <span
      className={`whitespace-nowrap text-xs tabular-nums ${tone}`}
      data-testid="sla-countdown"
      data-minutes={c.minutes}
    >
      {t(c.overdue ? `${c.kind}Overdue` : `${c.kind}Left`, { span })}
    </span>
  );
}
