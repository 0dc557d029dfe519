import { getTranslations } from "next-intl/server";
import { localNoticeNumber } from "@/lib/crm/rules/arrears";
import type { NoticeView } from "@/lib/crm/notices/queries";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";

/**
 * A ladder notice as a printable A4 document (the page's print stylesheet hides the app frame):
 * company, title per kind, number, household, the unpaid months with amounts, total, wording.
 * The wording only informs and asks (Civil Code art. 944): nothing about cutting services.
 * "Why this notice" (SPEC §12): the months and amounts, the rule (step) that fired, and — for the
 * resident — how to dispute it (a link on screen, the address on paper).
 */
export async function NoticeSheet({
  notice,
  locale,
  disputeHref,
  disputeUrl,
}: {
  notice: NoticeView;
  locale: Locale;
  disputeHref?: string;
  disputeUrl?: string;
}) {
  const t = await getTranslations("arrears");
  const money = (fen: number) => formatFen(fen, locale);
  const s = notice.snapshot;
  const place = [notice.communityName, notice.buildingName, notice.unitNumber].filter(Boolean).join(" ");
  return (
    <article
      className="mx-auto max-w-2xl rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200 print:max-w-none print:p-0 print:shadow-none print:ring-0"
      aria-labelledby="notice-title"
      data-testid="notice-sheet"
    >
      <header className="border-b-2 border-slate-800 pb-3 text-center">
        <div className="text-sm text-slate-600" data-user-text>
          {notice.companyName}
        </div>
        <h1 id="notice-title" className="mt-1 text-2xl font-semibold tracking-widest">
          {t(`kind.${notice.kind}`)}
        </h1>
        <div className="mt-1 font-mono text-sm" data-testid="notice-number">
          {t("notice.number")} {localNoticeNumber(notice.number, t("numberPrefix"))}
        </div>
      </header>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">{t("notice.household")}</dt>
        <dd data-user-text>{notice.householdName}</dd>
        {place ? (
          <>
            <dt className="text-slate-500">{t("notice.units")}</dt>
            <dd data-user-text>{place}</dd>
          </>
        ) : null}
        <dt className="text-slate-500">{t("notice.issuedOn")}</dt>
        <dd className="tabular-nums">{notice.issuedOn}</dd>
      </dl>
      <p className="mt-5 text-sm" data-user-text>
        {t("notice.greeting", { name: notice.householdName })}
      </p>
      <p className="mt-2 indent-8 text-sm leading-relaxed">
        {t(`notice.body.${notice.kind}`, {
          date: notice.issuedOn,
          months: s.monthsInArrears,
          total: money(s.totalFen),
        })}
      </p>
      <NoticeMonths notice={notice} money={money} />
      <NoticeWhy notice={notice} money={money} disputeHref={disputeHref} disputeUrl={disputeUrl} />
      <p className="mt-4 text-xs text-slate-500">{t("notice.closing")}</p>
      <footer className="mt-10 text-right text-sm">
        <div data-user-text>{t("notice.signature", { company: notice.companyName })}</div>
        <div className="tabular-nums">{notice.issuedOn}</div>
      </footer>
    </article>
  );
}

async function NoticeMonths({ notice, money }: { notice: NoticeView; money: (fen: number) => string }) {
  const t = await getTranslations("arrears");
  const s = notice.snapshot;
  return (
    <table className="mt-4 w-full border-collapse text-sm">
      <thead>
        <tr className="border-y border-slate-400 text-left text-xs text-slate-600">
          <th className="py-1 pr-2">{t("notice.period")}</th>
          <th className="py-1 pr-2">{t("notice.dueDate")}</th>
          <th className="py-1 text-right">{t("notice.owed")}</th>
        </tr>
      </thead>
      <tbody>
        {s.months.map((m) => (
          <tr key={m.period} className="border-b border-slate-200">
            <td className="py-1 pr-2 tabular-nums">{m.period}</td>
            <td className="py-1 pr-2 tabular-nums">{m.dueDate}</td>
            <td className="py-1 text-right tabular-nums">{money(m.owedFen)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="border-t border-slate-400 font-semibold">
          <td className="py-2" colSpan={2}>
            {t("notice.total")}
          </td>
          <td className="py-2 text-right tabular-nums" data-testid="notice-total">
            {money(s.totalFen)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

async function NoticeWhy({
  notice,
  money,
  disputeHref,
  disputeUrl,
}: {
  notice: NoticeView;
  money: (fen: number) => string;
  disputeHref?: string;
  disputeUrl?: string;
}) {
  const t = await getTranslations("arrears");
  const s = notice.snapshot;
  return (
    <section
      className="mt-5 rounded-md bg-slate-50 p-3 text-sm ring-1 ring-slate-200 print:bg-white"
      aria-labelledby="notice-why"
      data-testid="notice-why"
    >
      <h2 id="notice-why" className="font-semibold">
        {t("why.title")}
      </h2>
      <p className="mt-1">
        {t("why.months", { date: notice.issuedOn, months: s.monthsInArrears, total: money(s.totalFen) })}
      </p>
      {notice.stepKey ? (
        <p className="mt-1">
          {t("why.rule", {
            occurrence: notice.occurrence ?? s.monthsInArrears,
            kind: t(`kind.${notice.kind}`),
            step: notice.stepKey,
          })}
        </p>
      ) : null}
      {disputeHref ? (
        <>
          <p className="mt-1">{t("why.dispute")}</p>
          <p className="no-print mt-2">
            <a href={disputeHref} className="font-medium text-brand-700 underline" data-testid="notice-dispute-link">
              {t("why.disputeLink")}
            </a>
          </p>
          <p className="hidden text-xs print:block">{t("why.disputeAt", { url: disputeUrl ?? disputeHref })}</p>
        </>
      ) : null}
    </section>
  );
}
