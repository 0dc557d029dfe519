import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/auth/current-user";
import { roundProgress } from "@/lib/billing/meter-round";
import { getDb } from "@/lib/db";
import { localDate } from "@/lib/time/zone";

/** The technician's open reading round of this month (issue 19 point 5): progress and a link to the phone round. */
export async function MeterRoundLink({ user }: { user: SessionUser }) {
  const t = await getTranslations("billing.meterRound");
  const period = localDate(new Date(), user.timeZone).slice(0, 7);
  const { done, total } = await roundProgress(getDb(), user.companyId, period);
  if (total === 0) return null;
  return (
    <Link
      href={`/staff/field/meters?month=${period}`}
      className="block min-h-11 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
      data-testid="wb-meter-round"
    >
      <span className="block text-sm font-medium text-brand-700">{t("workbenchLink")}</span>
      <span className="block text-xs text-slate-600">
        {t("workbenchHint")} · {t("progress", { done, total })}
      </span>
    </Link>
  );
}
