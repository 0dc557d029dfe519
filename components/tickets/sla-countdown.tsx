import { getTranslations } from "next-intl/server";
import { slaCountdown, splitMinutes } from "@/lib/tickets/queue-rules";
import type { SlaState } from "@/lib/tickets/rules";
import type { RootT } from "./order-bits";

/** "Accept within 1 h 20 min" / "Resolve overdue by 2 d 3 h", red when overdue, amber under two hours. */
export function SlaCountdownWith({ order, now, t }: { order: SlaState; now: Date; t: RootT }) {
  const c = slaCountdown(order, now);
  if (!c) return <span className="text-slate-400">—</span>;
  const d = splitMinutes(c.minutes);
  const span =
    d.days > 0
      ? t("tickets.sla.days", { days: d.days, hours: d.hours })
      : d.hours > 0
        ? t("tickets.sla.hours", { hours: d.hours, minutes: d.minutes })
        : t("tickets.sla.minutes", { minutes: d.minutes });
  const tone = c.overdue ? "text-red-700 font-semibold" : c.minutes < 120 ? "text-amber-700" : "text-slate-600";
  return (
    <span
      className={`whitespace-nowrap text-xs tabular-nums ${tone}`}
      data-testid="sla-countdown"
      data-minutes={c.minutes}
    >
      {t(c.overdue ? `tickets.sla.${c.kind}Overdue` : `tickets.sla.${c.kind}Left`, { span })}
    </span>
  );
}

/** The same for a single use on a page (fetches its translator). */
export async function SlaCountdown({ order, now }: { order: SlaState; now: Date }) {
  return <SlaCountdownWith order={order} now={now} t={await getTranslations()} />;
}
