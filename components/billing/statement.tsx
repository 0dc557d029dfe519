import { getTranslations } from "next-intl/server";
import type { HouseholdAccount, StatementAccount } from "@/lib/billing/queries/household-account";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";

/** An A4 statement (缴费通知单) of one household: every bill still owing, line by line. One page per household in print. */
export async function Statement({
  account,
  unitLabel,
  companyName,
  locale,
  today,
  title,
  intro,
}: {
  account: StatementAccount;
  unitLabel: string;
  companyName: string;
  locale: Locale;
  today: string;
  /** Another heading and introduction (the transfer statement); default the payment notice's. */
  title?: string;
  intro?: string;
}) {
  const t = await getTranslations("billing");
  const money = (fen: number) => formatFen(fen, locale);
  const sep = locale === "en" ? "; " : "；";
  const owing = account.bills.filter((b) => b.outstandingFen > 0).sort((a, b) => (a.period < b.period ? -1 : 1));
  return (
    <article
      className="mx-auto max-w-3xl break-after-page rounded-lg bg-white p-8 shadow-sm ring-1 ring-slate-200 print:max-w-none print:p-0 print:shadow-none print:ring-0"
      data-testid="statement"
    >
      <header className="border-b-2 border-slate-800 pb-3 text-center">
        <div className="text-sm" data-user-text>
          {companyName}
        </div>
        <h2 className="text-xl font-semibold tracking-widest">{title ?? t("print.statement")}</h2>
      </header>
      <div className="mt-3 flex justify-between text-sm">
        <span>
          <span data-user-text>
            {account.name} · {unitLabel}
          </span>{" "}
          · <span className="font-mono">{account.code}</span>
        </span>
        <span>
          {t("print.printedOn")} {today}
        </span>
      </div>
      <p className="mt-3 text-sm">{intro ?? t("print.intro", { date: today })}</p>
      {owing.length === 0 ? (
        <p className="mt-4 text-sm">{t("print.noOwing")}</p>
      ) : (
        <OwingTable owing={owing} outstandingFen={account.outstandingFen} money={money} sep={sep} />
      )}
      {account.creditFen > 0 ? (
        <p className="mt-2 text-sm">
          {t("common.credit")}: {money(account.creditFen)}
        </p>
      ) : null}
    </article>
  );
}

async function OwingTable({
  owing,
  outstandingFen,
  money,
  sep,
}: {
  owing: HouseholdAccount["bills"];
  outstandingFen: number;
  money: (fen: number) => string;
  sep: string;
}) {
  const t = await getTranslations("billing");
  return (
    <table className="mt-4 w-full border-collapse text-sm">
      <thead>
        <tr className="border-y border-slate-400 text-left">
          <th className="py-1">{t("common.period")}</th>
          <th className="py-1">{t("account.lines")}</th>
          <th className="py-1">{t("common.dueDate")}</th>
          <th className="py-1 text-right">{t("common.amount")}</th>
          <th className="py-1 text-right">{t("common.paid")}</th>
          <th className="py-1 text-right">{t("common.owed")}</th>
        </tr>
      </thead>
      <tbody>
        {owing.map((b) => (
          <tr key={b.id} className="border-b border-slate-200 align-top">
            <td className="py-1">{b.period}</td>
            <td className="py-1 text-xs">
              {b.lines.map((l, i) => (
                <span key={i}>
                  {i > 0 ? sep : ""}
                  <span data-user-text>{l.name}</span>
                  {`${l.reason ? ` (${t(l.reason.key, l.reason.params)})` : ""} ${money(l.amountFen)}`}
                </span>
              ))}
              {b.adjustmentFen ? `${sep}${t("correction.adjust")} ${money(b.adjustmentFen)}` : ""}
            </td>
            <td className="py-1">{b.dueDate}</td>
            <td className="py-1 text-right tabular-nums">{money(b.amountFen)}</td>
            <td className="py-1 text-right tabular-nums">{money(b.allocatedFen)}</td>
            <td className="py-1 text-right tabular-nums">{money(b.outstandingFen)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="border-t-2 border-slate-800 font-semibold">
          <td className="py-2" colSpan={5}>
            {t("print.totalOwed")}
          </td>
          <td className="py-2 text-right tabular-nums">{money(outstandingFen)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
