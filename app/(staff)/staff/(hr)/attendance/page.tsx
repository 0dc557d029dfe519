import { getTranslations } from "next-intl/server";
import { ClockButton } from "@/components/hr/clock-button";
import { DayStatusText } from "@/components/hr/day-status";
import { Card, PageHeader } from "@/components/ui/card";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { myMonth } from "@/lib/hr/attendance-queries";
import { formatMinute } from "@/lib/hr/rules";
import { clockAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("hr.attendance"))("myTitle") };
}

export const dynamic = "force-dynamic";

/** Every staff member's own attendance (mobile first): the clock button, today, this month. */
export default async function MyAttendancePage() {
  const user = await requireUser(STAFF_ROLES);
  const t = await getTranslations("hr.attendance");
  const now = new Date();
  const month = new Intl.DateTimeFormat("en-CA", { timeZone: user.timeZone, year: "numeric", month: "2-digit" })
    .format(now)
    .slice(0, 7);
  const mine = await myMonth(getDb(), user.companyId, user.id, month, now);
  const today = mine.todayResult;
  const next = !today || today.inMinute === null ? "in" : today.outMinute === null ? "out" : null;
  const time = (m: number | null) => (m === null ? "—" : formatMinute(m));
  const past = mine.days.filter((d) => d.date <= mine.today).reverse();
  return (
    <div className="mx-auto max-w-md space-y-4">
      <PageHeader
        title={t("myTitle")}
        subtitle={t("shiftLine", {
          date: mine.today,
          start: formatMinute(mine.shift.startMinute),
          end: formatMinute(mine.shift.endMinute),
        })}
      />
      <ClockButton clockAction={clockAction} kind={next} />
      <Card title={t("today")}>
        <dl className="grid grid-cols-2 gap-3 text-center">
          <div className="rounded-lg bg-slate-50 p-3">
            <dt className="text-xs text-slate-500">{t("in")}</dt>
            <dd data-testid="today-in" className="text-xl font-semibold tabular-nums">
              {time(today?.inMinute ?? null)}
            </dd>
          </div>
          <div className="rounded-lg bg-slate-50 p-3">
            <dt className="text-xs text-slate-500">{t("out")}</dt>
            <dd data-testid="today-out" className="text-xl font-semibold tabular-nums">
              {time(today?.outMinute ?? null)}
            </dd>
          </div>
        </dl>
        {today ? (
          <p className="mt-3 text-center text-sm">
            <DayStatusText day={today} />
          </p>
        ) : null}
      </Card>
      <Card title={t("thisMonth", { month })}>
        <p className="mb-3 text-sm text-slate-600">
          {t("monthLine", {
            present: mine.totals.present,
            late: mine.totals.late,
            early: mine.totals.early,
            absent: mine.totals.absent,
          })}
        </p>
        <ul className="divide-y divide-slate-100 text-sm">
          {past.map((d) => (
            <li key={d.date} className="flex items-center justify-between gap-2 py-2">
              <span className="tabular-nums text-slate-600">{d.date.slice(5)}</span>
              <span className="tabular-nums">
                {time(d.inMinute)} – {time(d.outMinute)}
              </span>
              <span className="text-right">
                <DayStatusText day={d} />
              </span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
