import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime, formatFen } from "@/lib/i18n/format";
import type { paymentReceipt } from "@/lib/billing/queries";

type ReceiptData = NonNullable<Awaited<ReturnType<typeof paymentReceipt>>>;

/** A receipt: fits a printed A5/A4 half page; the print stylesheet hides the app around it. */
export async function Receipt({ data, companyName, locale, timeZone }: { data: ReceiptData; companyName: string; locale: Locale; timeZone: string }) {
  const t = await getTranslations("billing");
  const money = (fen: number) => formatFen(fen, locale);
  const p = data.payment;
  return (
    <article className="mx-auto max-w-xl rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200 print:max-w-none print:shadow-none print:ring-0" aria-labelledby="receipt-title">
      <header className="border-b border-slate-300 pb-3 text-center">
        <div className="text-sm text-slate-600">{companyName}</div>
        <h1 id="receipt-title" className="text-xl font-semibold tracking-widest">
          {t("receipt.title")}
        </h1>
        <div className="mt-1 font-mono text-sm" data-testid="receipt-no">
          {t("common.receiptNo")} {p.receiptNo}
        </div>
      </header>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">{t("common.household")}</dt>
        <dd>
          {data.householdName} <span className="font-mono text-xs text-slate-500">{data.householdCode}</span>
        </dd>
        <dt className="text-slate-500">{t("common.receivedAt")}</dt>
        <dd className="tabular-nums">{formatDateTime(p.receivedAt, locale, timeZone)}</dd>
        <dt className="text-slate-500">{t("common.method")}</dt>
        <dd>{t(`method.${p.method}`)}</dd>
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
          {data.allocations.map((a) => (
            <tr key={a.billId} className="border-b border-slate-100">
              <td className="py-1">{a.period}</td>
              <td className="py-1 text-right tabular-nums">{money(a.amountFen)}</td>
            </tr>
          ))}
          {data.creditFen > 0 ? (
            <tr className="border-b border-slate-100">
              <td className="py-1">{t("receipt.toCredit")}</td>
              <td className="py-1 text-right tabular-nums">{money(data.creditFen)}</td>
            </tr>
          ) : null}
        </tbody>
        <tfoot>
          <tr className="font-semibold">
            <td className="py-2">{t("common.total")}</td>
            <td className="py-2 text-right tabular-nums" data-testid="receipt-total">
              {money(p.amountFen)}
            </td>
          </tr>
        </tfoot>
      </table>
      {data.refunds.map((r, i) => (
        <p key={i} className="text-sm text-red-700">
          {t("receipt.refunded")} {money(r.amountFen)} — {r.reason}
        </p>
      ))}
      <footer className="mt-6 flex justify-between text-xs text-slate-500">
        <span>
          {t("receipt.issuer")}: {companyName}
        </span>
        <span>{t("receipt.signature")}: ________</span>
      </footer>
    </article>
  );
}
