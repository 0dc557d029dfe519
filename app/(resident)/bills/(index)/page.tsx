import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PayAhead, PayButton } from "@/components/billing/resident-pay";
import { GoldCard } from "@/components/crm/gold-card";
import { Card, EmptyState } from "@/components/ui/card";
import { householdAccount } from "@/lib/billing/queries/household-account";
import { residentHouseholdIds } from "@/lib/billing/queries/bills";
import { requireUser } from "@/app/_lib/session";

import { activeGoldBadges, publishedRules } from "@/lib/crm/ledger/read";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDate, formatFen } from "@/lib/i18n/format";
import { localDate } from "@/lib/time/zone";
import { startCheckoutAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("billing.resident"))("title") };
}

type Account = NonNullable<Awaited<ReturnType<typeof householdAccount>>>;
type Bill = Account["bills"][number];
type Money = (fen: number) => string;

/** My bills: unpaid first with their lines, pay one / all / ahead, payments and receipts. Own households only. */
export default async function ResidentBillsPage() {
  const user = await requireUser(["resident"]);
  const t = await getTranslations("billing");
  const locale = (await getLocale()) as Locale;
  const db = getDb();
  const today = localDate(new Date(), user.timeZone);
  const ids = await residentHouseholdIds(db, user.companyId, user.id);
  const accounts = (await Promise.all(ids.map((id) => householdAccount(db, user.companyId, id, today)))).filter(
    (a) => a !== null,
  );
  const [gold, crmRules] = await Promise.all([
    activeGoldBadges(db, user.companyId, ids, today),
    publishedRules(db, user.companyId),
  ]);
  const money = (fen: number) => formatFen(fen, locale);
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-2">
        <h1 className="text-lg font-semibold">{t("resident.title")}</h1>
        <Link href="/bills/meters" className="text-sm text-brand-700" data-testid="self-read-entry">
          {t("selfRead.link")}
        </Link>
      </div>
      {accounts.length === 0 ? <EmptyState>{t("common.none")}</EmptyState> : null}
      {accounts.map((a) => (
        <AccountSection
          key={a.id}
          a={a}
          gold={gold.get(a.id)}
          discountPercent={crmRules.gold.vipDiscountPercent}
          money={money}
          locale={locale}
          timeZone={user.timeZone}
        />
      ))}
    </div>
  );
}

async function AccountSection({
  a,
  gold,
  discountPercent,
  money,
  locale,
  timeZone,
}: {
  a: Account;
  gold: { expiresOn: string } | undefined;
  discountPercent: number;
  money: Money;
  locale: Locale;
  timeZone: string;
}) {
  const t = await getTranslations("billing");
  const unpaid = a.bills.filter((b) => b.outstandingFen > 0).sort((x, y) => (x.period < y.period ? -1 : 1));
  const settled = a.bills.filter((b) => b.outstandingFen <= 0);
  return (
    <div className="space-y-4">
      {gold ? <GoldCard householdName={a.name} expiresOn={gold.expiresOn} discountPercent={discountPercent} /> : null}
      <AccountTotals a={a} unpaid={unpaid} money={money} />
      <Card title={t("resident.unpaid")}>
        {unpaid.length === 0 ? (
          <EmptyState>{t("resident.noUnpaid")}</EmptyState>
        ) : (
          <ul className="space-y-3">
            {unpaid.map((b) => (
              <UnpaidBill key={b.id} b={b} householdId={a.id} money={money} />
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("resident.payAhead")}>
        <p className="mb-3 text-sm text-slate-600">{t("resident.aheadHint", { monthly: money(a.monthlyFen) })}</p>
        <PayAhead startCheckoutAction={startCheckoutAction} householdId={a.id} billIds={unpaid.map((b) => b.id)} />
      </Card>
      <PaymentHistory a={a} money={money} locale={locale} timeZone={timeZone} />
      {settled.length ? (
        <Card title={t("resident.bills")}>
          <ul className="divide-y divide-slate-100 text-sm">
            {settled.slice(0, 24).map((b) => (
              <li key={b.id} className="flex justify-between py-2">
                <span>{b.period}</span>
                <span className="tabular-nums text-slate-600">
                  {money(b.amountFen)} · {t(`status.${b.status}`)}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}

async function AccountTotals({ a, unpaid, money }: { a: Account; unpaid: Bill[]; money: Money }) {
  const t = await getTranslations("billing");
  return (
    <Card>
      <div className="text-sm text-slate-600" data-user-text>
        {a.name}
      </div>
      <div className="mt-1 flex items-end justify-between gap-2">
        <div>
          <div className="text-xs text-slate-500">{t("resident.totalDue")}</div>
          <div className="text-2xl font-semibold tabular-nums" data-testid="total-due">
            {money(a.outstandingFen)}
          </div>
        </div>
        {unpaid.length > 1 ? (
          <PayButton
            startCheckoutAction={startCheckoutAction}
            householdId={a.id}
            billIds={unpaid.map((b) => b.id)}
            label={t("resident.payAll")}
          />
        ) : null}
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-2 text-sm">
        <div>
          <dt className="text-xs text-slate-500">{t("common.credit")}</dt>
          <dd className="tabular-nums">{money(a.creditFen)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{t("common.paidAheadMonths")}</dt>
          <dd className="tabular-nums">{a.paidAheadMonths}</dd>
        </div>
      </dl>
    </Card>
  );
}

async function UnpaidBill({ b, householdId, money }: { b: Bill; householdId: number; money: Money }) {
  const t = await getTranslations("billing");
  const td = await getTranslations("arrears.disputes");
  return (
    <li key={b.id} className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200" data-testid="unpaid-bill">
      <div className="flex items-center justify-between">
        <span className="font-medium">
          {b.period}
          {b.kind === "one_off" ? (
            <span className="ml-2 text-xs font-normal text-slate-500">{t("billKind.one_off")}</span>
          ) : null}
        </span>
        <span
          className={`rounded px-2 py-0.5 text-xs ${b.overdue ? "bg-red-50 text-red-700" : "bg-amber-50 text-amber-800"}`}
        >
          {b.overdue ? t("resident.overdue") : t(`status.${b.status}`)}
        </span>
      </div>
      <ul className="mt-2 space-y-1 text-sm text-slate-700">
        {b.lines.map((l, i) => (
          <li key={i} className="flex justify-between gap-2">
            <span>
              <span data-user-text>{l.name}</span>
              {l.reason ? (
                <span className="ml-2 text-xs text-slate-600" data-testid="line-reason">
                  {t(l.reason.key, l.reason.params)}
                </span>
              ) : null}
            </span>
            <span className="tabular-nums">{money(l.amountFen)}</span>
          </li>
        ))}
        {b.adjustmentFen !== 0 ? (
          <li className="flex justify-between gap-2">
            <span>{t("correction.adjust")}</span>
            <span className="tabular-nums">{money(b.adjustmentFen)}</span>
          </li>
        ) : null}
        {b.allocatedFen > 0 ? (
          <li className="flex justify-between gap-2 text-slate-500">
            <span>{t("common.paid")}</span>
            <span className="tabular-nums">−{money(b.allocatedFen)}</span>
          </li>
        ) : null}
      </ul>
      <div className="mt-2 flex items-center justify-between border-t border-slate-200 pt-2">
        <span className="text-xs text-slate-500">
          {t("common.dueDate")} {b.dueDate}
        </span>
        <span className="font-semibold tabular-nums">{money(b.outstandingFen)}</span>
      </div>
      <div className="mt-2 flex items-center justify-between gap-2">
        <Link
          href={`/disputes/new?bill=${b.id}`}
          className="text-xs text-brand-700 hover:underline"
          data-testid="bill-dispute-link"
        >
          {td("disputeBill")}
        </Link>
        <PayButton
          startCheckoutAction={startCheckoutAction}
          householdId={householdId}
          billIds={[b.id]}
          label={t("resident.payThis")}
        />
      </div>
    </li>
  );
}

async function PaymentHistory({
  a,
  money,
  locale,
  timeZone,
}: {
  a: Account;
  money: Money;
  locale: Locale;
  timeZone: string;
}) {
  const t = await getTranslations("billing");
  return (
    <Card title={t("resident.history")}>
      {a.payments.length === 0 ? (
        <EmptyState>{t("resident.noHistory")}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {a.payments.slice(0, 24).map((p) => (
            <li key={p.id} className="flex items-center justify-between gap-2 py-2">
              <div>
                <div className="tabular-nums">{formatDate(p.receivedAt, locale, timeZone)}</div>
                <div className="text-xs text-slate-500">
                  {t(`method.${p.method}`)} · {p.receiptNo}
                </div>
              </div>
              <div className="text-right">
                <div className="font-medium tabular-nums">{money(p.amountFen)}</div>
                <Link href={`/bills/receipts/${p.id}`} className="text-xs text-brand-700 hover:underline">
                  {t("resident.viewReceipt")}
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
