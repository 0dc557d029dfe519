import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { householdAccount } from "@/lib/billing/queries/household-account";

import type { DbOrTx } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";
import { localDate } from "@/lib/time/zone";

/** The billing card on the staff household page: what it owes, months in arrears, credit, paid-ahead months. */
export async function HouseholdBillingSummary({
  db,
  companyId,
  householdId,
  timeZone,
  showAccountLink,
}: {
  db: DbOrTx;
  companyId: number;
  householdId: number;
  timeZone: string;
  showAccountLink: boolean;
}) {
  const t = await getTranslations("billing");
  const locale = (await getLocale()) as Locale;
  const a = await householdAccount(db, companyId, householdId, localDate(new Date(), timeZone));
  if (!a) return null;
  const rows: [string, string | number][] = [
    [t("common.outstanding"), formatFen(a.outstandingFen, locale)],
    [t("common.monthsInArrears"), a.monthsInArrears],
    [t("common.credit"), formatFen(a.creditFen, locale)],
    [t("common.paidAheadMonths"), a.paidAheadMonths],
  ];
  return (
    <Card
      title={t("title")}
      actions={
        showAccountLink ? (
          <Link href={`/staff/billing/households/${householdId}`} className="text-sm text-brand-700 hover:underline">
            {t("account.openAccount")} →
          </Link>
        ) : null
      }
    >
      <dl className="grid grid-cols-2 gap-2 text-sm">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd
              className={`tabular-nums ${label === t("common.monthsInArrears") && a.monthsInArrears > 0 ? "text-red-700" : ""}`}
            >
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
