import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { contractReceipt } from "@/lib/billing/contract-queries";
import type { paymentReceipt } from "@/lib/billing/queries/household-account";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime, formatFen } from "@/lib/i18n/format";

type ReceiptData = NonNullable<Awaited<ReturnType<typeof paymentReceipt>>>;
type ContractReceiptData = NonNullable<Awaited<ReturnType<typeof contractReceipt>>>;

interface Common {
  companyName: string;
  locale: Locale;
  timeZone: string;
}

interface SheetProps extends Common {
  receiptNo: string;
  payerLabel: string;
  payer: ReactNode;
  receivedAt: Date;
  method: string;
  cashierName: string | null;
  /** Paid online: the person named is the one who paid, not a cashier. */
  online?: boolean;
  lines: { key: string | number; label: ReactNode; amountFen: number }[];
  totalFen: number;
  after?: ReactNode;
}

/** The printed receipt sheet shared by household and contract payments: fits an A5/A4 half page. */
async function ReceiptSheet(p: SheetProps) {
  const t = await getTranslations("billing");
  const money = (fen: number) => formatFen(fen, p.locale);
  return (
    <article
      className="mx-auto max-w-xl rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200 print:max-w-none print:shadow-none print:ring-0"
      aria-labelledby="receipt-title"
    >
      <header className="border-b border-slate-300 pb-3 text-center">
        <div className="text-sm text-slate-600" data-user-text>
          {p.companyName}
        </div>
        <h1 id="receipt-title" className="text-xl font-semibold tracking-widest">
          {t("receipt.title")}
        </h1>
        <div className="mt-1 font-mono text-sm" data-testid="receipt-no">
          {t("common.receiptNo")} {p.receiptNo}
        </div>
      </header>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">{p.payerLabel}</dt>
        <dd data-user-text>{p.payer}</dd>
        <dt className="text-slate-500">{t("common.receivedAt")}</dt>
        <dd className="tabular-nums">{formatDateTime(p.receivedAt, p.locale, p.timeZone)}</dd>
        <dt className="text-slate-500">{t("common.method")}</dt>
        <dd>{t(`method.${p.method}`)}</dd>
        {p.cashierName ? (
          <>
            <dt className="text-slate-500">{t(p.online ? "receipt.paidOnlineBy" : "receipt.cashier")}</dt>
            <dd data-testid="receipt-actor" data-user-text>
              {p.cashierName}
            </dd>
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
          {p.lines.map((l) => (
            <tr key={l.key} className="border-b border-slate-100">
              <td className="py-1">{l.label}</td>
              <td className="py-1 text-right tabular-nums">{money(l.amountFen)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="font-semibold">
            <td className="py-2">{t("common.total")}</td>
            <td className="py-2 text-right tabular-nums" data-testid="receipt-total">
              {money(p.totalFen)}
            </td>
          </tr>
        </tfoot>
      </table>
      {p.after}
      <footer className="mt-6 flex justify-between text-xs text-slate-500">
        <span>
          {t("receipt.issuer")}: <span data-user-text>{p.companyName}</span>
        </span>
        <span>{t("receipt.signature")}: ________</span>
      </footer>
    </article>
  );
}

/** A household payment's receipt: the bills it paid, what went to credit, and any refunds. */
export async function Receipt({ data, ...common }: Common & { data: ReceiptData }) {
  const t = await getTranslations("billing");
  const p = data.payment;
  const lines: SheetProps["lines"] = data.allocations.map((a) => ({
    key: a.billId,
    label: a.period,
    amountFen: a.amountFen,
  }));
  if (data.creditFen > 0) lines.push({ key: "credit", label: t("receipt.toCredit"), amountFen: data.creditFen });
  return (
    <ReceiptSheet
      {...common}
      receiptNo={p.receiptNo}
      payerLabel={t("common.household")}
      payer={
        <>
          {data.householdName} <span className="font-mono text-xs text-slate-500">{data.householdCode}</span>
        </>
      }
      receivedAt={p.receivedAt}
      method={p.method}
      cashierName={data.cashierName}
      online={p.method === "online"}
      lines={lines}
      totalFen={p.amountFen}
      after={data.refunds.map((r, i) => (
        <p key={i} className="text-sm text-red-700">
          {t("receipt.refunded")} {formatFen(r.amountFen, common.locale)} — {r.reason}
        </p>
      ))}
    />
  );
}

/** A contract customer's payment (多种经营): the contract bills it paid. */
export async function ContractReceipt({ data, ...common }: Common & { data: ContractReceiptData }) {
  const t = await getTranslations("billing");
  return (
    <ReceiptSheet
      {...common}
      receiptNo={data.receiptNo}
      payerLabel={t("contracts.customers")}
      payer={data.customerName}
      receivedAt={data.receivedAt}
      method={data.method}
      cashierName={data.cashierName}
      lines={data.lines.map((l) => ({
        key: l.billId,
        label: `${l.period} · ${l.description}`,
        amountFen: l.amountFen,
      }))}
      totalFen={data.amountFen}
    />
  );
}
