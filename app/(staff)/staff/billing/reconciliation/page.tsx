import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ReconciliationItems } from "@/components/billing/reconciliation-items";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { BILLING_ROLES } from "@/lib/billing/access";
import { reconciliationDay, reconciliationDays } from "@/lib/billing/reconciliation/queries";
import { reconciliationDaySchema } from "@/lib/billing/reconciliation/schemas";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";
import { resolveReconciliationAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("billing.reconciliation"))("title") };
}

/**
 * 对账 (finance, admin): the days each provider's statement was matched (the daily job), with
 * their mismatches; one day's list with one-click resolution — record the missing payment through
 * the normal payment path, or flag it with a reason. Only this company's statements.
 */
export default async function ReconciliationPage({
  searchParams,
}: {
  searchParams: Promise<{ date?: string; provider?: string }>;
}) {
  const user = await requireUser(BILLING_ROLES);
  const t = await getTranslations("billing.reconciliation");
  const locale = (await getLocale()) as Locale;
  const money = (fen: number) => formatFen(fen, locale);
  const db = getDb();
  const days = await reconciliationDays(db, user.companyId);
  const asked = reconciliationDaySchema.safeParse(await searchParams);
  const chosen = asked.success ? asked.data : days[0] ? { date: days[0].billDate, provider: days[0].provider } : null;
  const day = chosen ? await reconciliationDay(db, user.companyId, chosen.provider, chosen.date) : null;
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <Card title={t("days")}>
        {days.length === 0 ? (
          <EmptyState>{t("noDays")}</EmptyState>
        ) : (
          <Table head={[t("date"), t("provider"), t("transactions"), t("matched"), t("mismatched"), t("open")]}>
            {days.map((d) => (
              <tr key={d.id} data-testid="reconciliation-day">
                <td className="whitespace-nowrap">
                  <Link
                    href={`/staff/billing/reconciliation?date=${d.billDate}&provider=${d.provider}`}
                    aria-current={chosen?.date === d.billDate && chosen.provider === d.provider ? "page" : undefined}
                    className="text-brand-700 hover:underline"
                  >
                    {d.billDate}
                  </Link>
                </td>
                <td>{t(`providers.${d.provider}`)}</td>
                <td className="whitespace-nowrap">
                  {d.tradeCount} · {money(d.tradeFen)}
                </td>
                <td>{d.matched}</td>
                <td>{d.mismatched}</td>
                <td>{d.open > 0 ? t("openCount", { n: d.open }) : t("allSettled")}</td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
      {chosen ? (
        <Card title={t("dayTitle", { provider: t(`providers.${chosen.provider}`), date: chosen.date })}>
          {!day ? (
            <EmptyState>{t("noStatement")}</EmptyState>
          ) : day.items.length === 0 ? (
            <EmptyState>{t("noMismatches")}</EmptyState>
          ) : (
            <ReconciliationItems items={day.items} money={money} action={resolveReconciliationAction} />
          )}
        </Card>
      ) : null}
    </div>
  );
}
