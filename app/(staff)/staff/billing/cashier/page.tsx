import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { CashierForm } from "@/components/billing/cashier-form";
import { DeskQr } from "@/components/billing/desk-qr";
import { Card, EmptyState, PageHeader, Stat } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { BILLING_ROLES } from "@/lib/billing/access";
import { paymentAccountSummaries } from "@/lib/billing/payment-accounts/queries";
import { householdAccount } from "@/lib/billing/queries/household-account";

import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";
import { searchHouseholds } from "@/lib/registry/households";
import { loadRegistryView } from "@/lib/registry/view";
import { localDate } from "@/lib/time/zone";
import { takePaymentAction } from "../actions";
import { cancelDeskAction, deskStatusAction, openDeskQrAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("billing.cashier"))("title") };
}

type Account = NonNullable<Awaited<ReturnType<typeof householdAccount>>>;

/** The cashier desk: find a household by phone, name or unit; see what it owes; take the money; print the receipt. */
export default async function CashierPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; household?: string }>;
}) {
  const user = await requireUser(BILLING_ROLES);
  const sp = await searchParams;
  const t = await getTranslations("billing");
  const locale = (await getLocale()) as Locale;
  const money = (fen: number) => formatFen(fen, locale);
  const db = getDb();
  const q = sp.q?.trim().slice(0, 100) ?? "";
  const view = await loadRegistryView(db, user.companyId, { userId: user.id, roles: user.roles });
  const [results, account, accounts] = await Promise.all([
    q ? searchHouseholds(db, user.companyId, view, { q }) : Promise.resolve(null),
    sp.household && /^\d+$/.test(sp.household)
      ? householdAccount(db, user.companyId, Number(sp.household), localDate(new Date(), user.timeZone))
      : Promise.resolve(null),
    paymentAccountSummaries(db, user.companyId),
  ]);
  // QR payments at the desk: the company's enabled WeChat Pay / Alipay accounts.
  const qrProviders = (["wechatpay", "alipay"] as const).filter((p) =>
    accounts.accounts.some((a) => a.provider === p && a.enabled),
  );
  const open = account
    ? account.bills.filter((b) => b.outstandingFen > 0).sort((a, b) => (a.period < b.period ? -1 : 1))
    : [];
  return (
    <div className="space-y-4">
      <PageHeader title={t("cashier.title")} subtitle={t("cashier.subtitle")} />
      <Card>
        <CashierSearch q={q} focus={!q && !account} />
        {results ? <CashierResults q={q} rows={results.rows} /> : null}
      </Card>
      {account ? <CashierAccount account={account} open={open} money={money} qrProviders={qrProviders} /> : null}
    </div>
  );
}

async function CashierSearch({ q, focus }: { q: string; focus: boolean }) {
  const t = await getTranslations("billing");
  return (
    <form method="get" role="search" className="flex flex-wrap items-end gap-3">
      <div className="min-w-64 flex-1">
        <label htmlFor="q" className="mb-1 block text-sm font-medium text-slate-700">
          {t("cashier.search")}
        </label>
        <input
          id="q"
          name="q"
          defaultValue={q}
          autoFocus={focus}
          placeholder={t("cashier.searchPlaceholder")}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm sm:text-sm"
        />
      </div>
      <button
        type="submit"
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
      >
        {t("cashier.searchButton")}
      </button>
    </form>
  );
}

async function CashierResults({ q, rows }: { q: string; rows: Awaited<ReturnType<typeof searchHouseholds>>["rows"] }) {
  const t = await getTranslations("billing");
  return rows.length === 0 ? (
    <div className="mt-3">
      <EmptyState>{t("cashier.noMatches")}</EmptyState>
    </div>
  ) : (
    <div className="mt-3">
      <Table head={[t("common.household"), t("common.unit"), t("common.community"), "", ""]}>
        {rows.map((h) => (
          <tr key={h.id}>
            <td className="font-medium" data-user-text>
              {h.name}
            </td>
            <td className="font-mono">{h.buildingCode ? `${h.buildingCode}-${h.unitNumber}` : "—"}</td>
            <td data-user-text>{h.communityName ?? "—"}</td>
            <td className="tabular-nums">{h.phone ?? "—"}</td>
            <td>
              <Link
                href={`/staff/billing/cashier?q=${encodeURIComponent(q)}&household=${h.id}`}
                className="text-brand-700 hover:underline"
              >
                {t("cashier.select")}
              </Link>
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}

async function CashierAccount({
  account,
  open,
  money,
  qrProviders,
}: {
  account: Account;
  open: Account["bills"];
  money: (fen: number) => string;
  qrProviders: ("wechatpay" | "alipay")[];
}) {
  const t = await getTranslations("billing");
  return (
    <Card
      title={<span data-user-text>{account.name}</span>}
      actions={
        <Link href={`/staff/billing/households/${account.id}`} className="text-sm text-brand-700 hover:underline">
          {t("cashier.account")} →
        </Link>
      }
    >
      <div className="grid gap-3 sm:grid-cols-4">
        <Stat
          label={t("common.outstanding")}
          value={<span data-testid="outstanding">{money(account.outstandingFen)}</span>}
        />
        <Stat label={t("common.monthsInArrears")} value={account.monthsInArrears} />
        <Stat label={t("common.credit")} value={money(account.creditFen)} />
        <Stat label={t("common.monthly")} value={money(account.monthlyFen)} />
      </div>
      <h3 className="mb-2 mt-4 text-sm font-semibold">{t("cashier.openBills")}</h3>
      {open.length === 0 ? (
        <EmptyState>{t("common.none")}</EmptyState>
      ) : (
        <Table head={[t("common.period"), t("common.dueDate"), t("common.amount"), t("common.paid"), t("common.owed")]}>
          {open.map((b) => (
            <tr key={b.id}>
              <td>{b.period}</td>
              <td className={b.overdue ? "text-red-700" : ""}>{b.dueDate}</td>
              <td className="tabular-nums">{money(b.amountFen)}</td>
              <td className="tabular-nums">{money(b.allocatedFen)}</td>
              <td className="tabular-nums font-medium">{money(b.outstandingFen)}</td>
            </tr>
          ))}
        </Table>
      )}
      {qrProviders.length > 0 && open.length > 0 ? (
        <section aria-labelledby="desk-qr-title">
          <h3 id="desk-qr-title" className="mb-2 mt-4 text-sm font-semibold">
            {t("desk.title")}
          </h3>
          <DeskQr
            key={`qr-${account.id}`}
            householdId={account.id}
            bills={open.map((b) => ({ id: b.id, label: `${b.period} · ${money(b.outstandingFen)}` }))}
            providers={qrProviders}
            openAction={openDeskQrAction}
            statusAction={deskStatusAction}
            cancelAction={cancelDeskAction}
          />
        </section>
      ) : null}
      <h3 className="mb-2 mt-4 text-sm font-semibold">{t("cashier.take")}</h3>
      <CashierForm
        takePaymentAction={takePaymentAction}
        key={account.id}
        householdId={account.id}
        outstandingFen={account.outstandingFen}
        monthlyFen={account.monthlyFen}
      />
    </Card>
  );
}
