import { getTranslations } from "next-intl/server";
import type { DayResult } from "@/lib/hr/rules";

const tone: Record<DayResult["status"], string> = {
  present: "text-emerald-700",
  absent: "text-red-600",
  incomplete: "text-amber-700",
  rest: "text-slate-500",
  upcoming: "text-slate-500",
  notHired: "text-slate-500",
  leave: "text-sky-700",
};

/** "出勤 · 迟到 5 分钟" etc. for one day. */
export async function DayStatusText({ day }: { day: DayResult }) {
  const t = await getTranslations("hr.attendance");
  const notes = [
    day.lateMinutes > 0 ? t("lateBy", { minutes: day.lateMinutes }) : null,
    day.earlyMinutes > 0 ? t("earlyBy", { minutes: day.earlyMinutes }) : null,
  ].filter(Boolean);
  return (
    <span className={tone[day.status]}>
      {t(`day.${day.status}`)}
      {notes.length ? <span className="text-amber-700"> · {notes.join(" · ")}</span> : null}
    </span>
  );
}
