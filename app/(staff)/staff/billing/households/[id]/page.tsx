import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ChargeForm } from "@/components/billing/charge-form";
import { TransferForm } from "@/components/billing/transfer-form";
import { UnitPeriodForm } from "@/components/billing/unit-period-form";
import { AdjustBillForm, RefundForm, VoidBillForm } from "@/components/billing/correction-forms";
import { Card, EmptyState, PageHeader, Stat } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { BILLING_ROLES, CORRECTION_ROLES } from "@/lib/billing/access";
import { fenToYuanText } from "@/lib/billing/rules";
import { householdAccount } from "@/lib/billing/queries/household-account";
import { listFeeItems } from "@/lib/billing/queries/bills";
import { unitPeriods } from "@/lib/billing/unit-periods";
import { listContractCustomers } from "@/lib/billing/contract-queries";
import { getDb } from "@/lib/db";
import { getHousehold } from "@/lib/registry/households";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime, formatFen } from "@/lib/i18n/format";
import { localDate } from "@/lib/time/zone";
import {
  addUnitPeriodAction,
  adjustBillAction,
  chargeAction,
  refundAction,
  transferUnitAction,
  voidBillAction,
} from "../../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("billing.account"))("title") };
}

type Account = NonNullable<Awaited<ReturnType<typeof householdAccount>>>;
type Household = NonNullable<Awaited<ReturnType<typeof getHousehold>>>;
type Money = (fen: number) => string;

/** One household's account for finance: bills with lines, payments, corrections; voids/adjustments/refunds for finance. */
export default async function HouseholdAccountPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(BILLING_ROLES);
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const db = getDb();
  const today = localDate(new Date(), user.timeZone);
  const [account, items, household] = await Promise.all([
    householdAccount(db, user.companyId, Number(id), today),
    listFeeItems(db, user.companyId),
    getHousehold(db, user.companyId, { kind: "all" }, Number(id)),
  ]);
  if (!account || !household) notFound();
  const [periods, customers] = await Promise.all([
    unitPeriods(
      db,
      user.companyId,
      household.units.map((u) => u.id),
    ),
    listContractCustomers(db, user.companyId),
  ]);
  const t = await getTranslations("billing");
  const locale = (await getLocale()) as Locale;
  const money = (fen: number) => formatFen(fen, locale);
  const sep = locale === "en" ? "; " : "；";
  const canCorrect = user.roles.some((r) => CORRECTION_ROLES.includes(r));
  const oneOff = items.filter((i) => i.kind === "one_off" && i.active);
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${account.name} · ${t("account.title")}`}
        userTitle
        subtitle={account.code}
        actions={<AccountLinks accountId={account.id} />}
      />
      <div className="grid gap-3 sm:grid-cols-5">
        <Stat label={t("common.outstanding")} value={money(account.outstandingFen)} />
        <Stat label={t("common.monthsInArrears")} value={account.monthsInArrears} />
        <Stat label={t("common.credit")} value={<span data-testid="credit">{money(account.creditFen)}</span>} />
        <Stat label={t("common.paidAheadMonths")} value={account.paidAheadMonths} />
        <Stat label={t("common.monthly")} value={money(account.monthlyFen)} />
      </div>
      {canCorrect ? <p className="text-xs text-slate-500">{t("account.financeOnly")}</p> : null}
      {household.active && household.units.length ? (
        <Card title={t("transfer.title")}>
          <p className="mb-3 text-xs text-slate-600">{t("transfer.hint")}</p>
          <TransferForm
            transferUnitAction={transferUnitAction}
            householdId={account.id}
            today={today}
            units={household.units.map((u) => ({ id: u.id, label: unitLabel(u) }))}
          />
        </Card>
      ) : null}
      {household.units.length ? (
        <UnitPeriodsCard household={household} periods={periods} customers={customers} today={today} />
      ) : null}
      {oneOff.length ? (
        <Card title={t("charge.title")}>
          <ChargeForm
            chargeAction={chargeAction}
            householdId={account.id}
            items={oneOff.map((i) => ({ id: i.id, label: `${i.name} · ${money(i.priceFen)}` }))}
          />
        </Card>
      ) : null}
      <PaymentsCard account={account} canCorrect={canCorrect} locale={locale} timeZone={user.timeZone} />
      <BillsCard account={account} canCorrect={canCorrect} money={money} sep={sep} />
      <CorrectionsCard account={account} locale={locale} timeZone={user.timeZone} />
    </div>
  );
}

function unitLabel(u: Household["units"][number]) {
  return `${u.communityName} ${u.buildingCode}-${u.number}`;
}

async function AccountLinks({ accountId }: { accountId: number }) {
  const t = await getTranslations("billing");
  return (
    <div className="flex gap-2">
      <Link
        href={`/staff/billing/cashier?household=${accountId}`}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
      >
        {t("cashier.take")}
      </Link>
      <Link
        href={`/staff/billing/print/household/${accountId}`}
        className="rounded-md bg-white px-4 py-2 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50"
      >
        {t("account.statement")}
      </Link>
    </div>
  );
}

async function UnitPeriodsCard({
  household,
  periods,
  customers,
  today,
}: {
  household: Household;
  periods: Awaited<ReturnType<typeof unitPeriods>>;
  customers: Awaited<ReturnType<typeof listContractCustomers>>;
  today: string;
}) {
  const t = await getTranslations("billing");
  return (
    <Card title={t("unitPeriod.title")}>
      <ul className="mb-3 space-y-1 text-sm" data-testid="unit-periods">
        {periods.length === 0 ? <li className="text-slate-500">{t("unitPeriod.none")}</li> : null}
        {periods.map((p) => (
          <li key={p.id} data-user-text>
            {t("unitPeriod.line", {
              unit: unitLabel(household.units.find((u) => u.id === p.unitId)!),
              kind: `${t(`unitPeriodKind.${p.kind}`)}${p.customerId ? ` · ${customers.find((c) => c.id === p.customerId)?.name ?? ""}` : ""}`,
              from: p.fromDate,
              to: p.toDate ?? t("unitPeriod.open"),
            })}
          </li>
        ))}
      </ul>
      <UnitPeriodForm
        addUnitPeriodAction={addUnitPeriodAction}
        today={today}
        units={household.units.map((u) => ({ id: u.id, label: unitLabel(u) }))}
        customers={customers.map((c) => ({ id: c.id, label: c.name }))}
      />
    </Card>
  );
}

async function PaymentsCard({
  account,
  canCorrect,
  locale,
  timeZone,
}: {
  account: Account;
  canCorrect: boolean;
  locale: Locale;
  timeZone: string;
}) {
  const t = await getTranslations("billing");
  const money = (fen: number) => formatFen(fen, locale);
  return (
    <Card title={t("account.payments")}>
      {account.payments.length === 0 ? (
        <EmptyState>{t("resident.noHistory")}</EmptyState>
      ) : (
        <Table head={[t("common.receiptNo"), t("common.receivedAt"), t("common.method"), t("common.amount"), ""]}>
          {account.payments.map((p) => (
            <tr key={p.id} data-testid="payment-row">
              <td className="font-mono">
                <Link href={`/staff/billing/receipts/${p.id}`} className="text-brand-700 hover:underline">
                  {p.receiptNo}
                </Link>
              </td>
              <td className="tabular-nums">{formatDateTime(p.receivedAt, locale, timeZone)}</td>
              <td>{t(`method.${p.method}`)}</td>
              <td className="tabular-nums">{money(p.amountFen)}</td>
              <td>
                {canCorrect ? (
                  <RefundForm refundAction={refundAction} paymentId={p.id} defaultAmount={fenToYuanText(p.amountFen)} />
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}

async function BillsCard({
  account,
  canCorrect,
  money,
  sep,
}: {
  account: Account;
  canCorrect: boolean;
  money: Money;
  sep: string;
}) {
  const t = await getTranslations("billing");
  return (
    <Card title={t("bills.title")}>
      <Table
        head={[
          t("common.period"),
          t("account.lines"),
          t("common.dueDate"),
          t("common.amount"),
          t("common.paid"),
          t("common.status"),
          "",
        ]}
      >
        {account.bills.map((b) => (
          <tr key={b.id} className={b.status === "voided" ? "text-slate-400 line-through" : ""}>
            <td>
              {b.period}
              {b.kind === "one_off" ? <div className="text-xs text-slate-500">{t("billKind.one_off")}</div> : null}
            </td>
            <td className="text-xs" data-user-text>
              {b.lines
                .map(
                  (l) => `${l.name}${l.reason ? ` (${t(l.reason.key, l.reason.params)})` : ""} ${money(l.amountFen)}`,
                )
                .join(sep)}
            </td>
            <td className={b.overdue ? "text-red-700" : ""}>{b.dueDate}</td>
            <td className="tabular-nums">{money(b.amountFen)}</td>
            <td className="tabular-nums">{money(b.allocatedFen)}</td>
            <td>{t(`status.${b.status}`)}</td>
            <td className="space-x-3 whitespace-nowrap">
              {canCorrect && b.status !== "voided" ? (
                <>
                  <AdjustBillForm adjustBillAction={adjustBillAction} billId={b.id} />
                  <VoidBillForm voidBillAction={voidBillAction} billId={b.id} />
                </>
              ) : null}
            </td>
          </tr>
        ))}
      </Table>
    </Card>
  );
}

async function CorrectionsCard({ account, locale, timeZone }: { account: Account; locale: Locale; timeZone: string }) {
  const t = await getTranslations("billing");
  const money = (fen: number) => formatFen(fen, locale);
  return (
    <Card title={t("account.corrections")}>
      {account.corrections.length === 0 ? (
        <EmptyState>{t("common.none")}</EmptyState>
      ) : (
        <Table head={[t("common.date"), "", t("common.amount"), t("common.reason"), t("common.actor")]}>
          {account.corrections.map((c) => (
            <tr key={c.id} data-testid="correction-row">
              <td className="tabular-nums">{formatDateTime(c.createdAt, locale, timeZone)}</td>
              <td>{t(`correction.${c.kind}`)}</td>
              <td className="tabular-nums">{money(c.amountFen)}</td>
              <td>{c.reason}</td>
              <td data-user-text>{c.actorName}</td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
