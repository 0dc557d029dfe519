import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PrintButton } from "@/components/billing/print-button";
import { requireUser } from "@/lib/auth/session";
import { BILLING_ROLES } from "@/lib/billing/access";
import { contractReceipt } from "@/lib/billing/contracts";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime, formatFen } from "@/lib/i18n/format";

export async function generateMetadata() {
  return { title: (await getTranslations("billing.receipt"))("title") };
}

/** The printable receipt of a contract customer's payment (多种经营), same layout as a household receipt. */
export default async function ContractReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(BILLING_ROLES);
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const data = await contractReceipt(getDb(), user.companyId, Number(id));
  if (!data) notFound();
  const t = await getTranslations("billing");
  const locale = (await getLocale()) as Locale;
  const money = (fen: number) => formatFen(fen, locale);
  return (
    <div className="space-y-4">
      <div className="no-print flex items-center justify-between">
        <Link href="/staff/billing/contracts" className="text-sm text-brand-700 hover:underline">
          ← {t("contracts.title")}
        </Link>
        <PrintButton />
      </div>
      <article className="mx-auto max-w-xl rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200 print:max-w-none print:shadow-none print:ring-0" aria-labelledby="receipt-title">
        <header className="border-b border-slate-300 pb-3 text-center">
          <div className="text-sm text-slate-600">{user.companyName}</div>
          <h1 id="receipt-title" className="text-xl font-semibold tracking-widest">
            {t("receipt.title")}
          </h1>
          <div className="mt-1 font-mono text-sm" data-testid="receipt-no">
            {t("common.receiptNo")} {data.receiptNo}
          </div>
        </header>
        <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">{t("contracts.customers")}</dt>
          <dd>{data.customerName}</dd>
          <dt className="text-slate-500">{t("common.receivedAt")}</dt>
          <dd className="tabular-nums">{formatDateTime(data.receivedAt, locale, user.timeZone)}</dd>
          <dt className="text-slate-500">{t("common.method")}</dt>
          <dd>{t(`method.${data.method}`)}</dd>
          {data.cashierName ? (
            <>
              <dt className="text-slate-500">{t("receipt.cashier")}</dt>
              <dd>{data.cashierName}</dd>
            </>
          ) : null}
        </dl>
        <table className="mt-4 w-full text-sm">
          <thead className="border-b border-slate-300 text-left text-xs text-slate-500">
            <tr>
              <th className="py-1">{t("receipt.appliedTo")}</th>
              <th className="py-1 text-right">{t("common.amount")}</th>
            </tr>
          </thead>
          <tbody>
            {data.lines.map((l) => (
              <tr key={l.billId} className="border-b border-slate-100">
                <td className="py-1">
                  {l.period} · {l.description}
                </td>
                <td className="py-1 text-right tabular-nums">{money(l.amountFen)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="font-semibold">
              <td className="py-2">{t("common.total")}</td>
              <td className="py-2 text-right tabular-nums" data-testid="receipt-total">
                {money(data.amountFen)}
              </td>
            </tr>
          </tfoot>
        </table>
        <footer className="mt-6 flex justify-between text-xs text-slate-500">
          <span>
            {t("receipt.issuer")}: {user.companyName}
          </span>
          <span>{t("receipt.signature")}: ________</span>
        </footer>
      </article>
    </div>
  );
}
