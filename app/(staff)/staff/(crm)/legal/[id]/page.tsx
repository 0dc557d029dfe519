import Link from "next/link";
import { isNoticeNumber, localNoticeNumber } from "@/lib/crm/rules/arrears";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import { Card, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { hasAnyRole } from "@/lib/auth/roles";
import { requireUser } from "@/app/_lib/session";
import { LETTER_CONFIRM_ROLES } from "@/lib/crm/disputes/access";
import { LEGAL_EDIT_ROLES, LEGAL_VIEW_ROLES, legalCaseDetail } from "@/lib/crm/legal/cases";
import { LEGAL_TRANSITIONS } from "@/lib/crm/rules/arrears";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime, formatFen } from "@/lib/i18n/format";
import { confirmLetterAction, followUpAction, moveCaseAction } from "../actions";
import { localDate } from "@/lib/time/zone";

export async function generateMetadata() {
  return { title: (await getTranslations("arrears.legal"))("title") };
}

type Case = NonNullable<Awaited<ReturnType<typeof legalCaseDetail>>>;
type Money = (fen: number) => string;

const field = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

/** One legal case: household, what is owed now by month, the notices, the timeline, and (legal/admin) the actions. */
export default async function LegalCasePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(LEGAL_VIEW_ROLES);
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const c = await legalCaseDetail(
    getDb(),
    user.companyId,
    { userId: user.id, roles: user.roles },
    Number(id),
    localDate(new Date(), user.timeZone),
  );
  if (!c) notFound();
  const t = await getTranslations("arrears");
  const locale = (await getLocale()) as Locale;
  const money = (fen: number) => formatFen(fen, locale);
  const canEdit = user.roles.some((r) => LEGAL_EDIT_ROLES.includes(r));
  const canConfirm = hasAnyRole(user.roles, LETTER_CONFIRM_ROLES);
  const moves = LEGAL_TRANSITIONS[c.status];
  return (
    <div className="space-y-4">
      <Link href="/staff/legal" className="text-sm text-brand-700 hover:underline">
        ← {t("legal.title")}
      </Link>
      <PageHeader
        title={t("legal.case", { id: c.id })}
        subtitle={
          <>
            <span data-user-text>{c.householdName}</span> · {t(`legal.status.${c.status}`)}
          </>
        }
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <ArrearsCard c={c} money={money} />
        <NoticesCard c={c} canConfirm={canConfirm} />
      </div>
      <TimelineCard c={c} locale={locale} timeZone={user.timeZone} />
      {canEdit ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <MoveCaseCard c={c} moves={moves} />
          <Card title={t("legal.followUp")}>
            <ActionForm action={followUpAction} className="space-y-3" testId="follow-up">
              <input type="hidden" name="id" value={c.id} />
              <div>
                <label htmlFor="follow-note" className="mb-1 block text-sm font-medium text-slate-700">
                  {t("legal.followUpText")}
                </label>
                <textarea id="follow-note" name="note" rows={2} className={field} />
                <FieldError name="note" />
              </div>
              <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">
                {t("legal.create")}
              </button>
            </ActionForm>
          </Card>
        </div>
      ) : null}
    </div>
  );
}

async function ArrearsCard({ c, money }: { c: Case; money: Money }) {
  const t = await getTranslations("arrears");
  return (
    <Card title={t("legal.currentArrears")}>
      <dl className="mb-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">{t("legal.household")}</dt>
        <dd data-user-text>
          {c.householdName} <span className="font-mono text-xs text-slate-500">{c.householdCode}</span>
        </dd>
        <dt className="text-slate-500">{t("legal.openedOn")}</dt>
        <dd className="tabular-nums">{c.openedOn}</dd>
        <dt className="text-slate-500">{t("legal.currentArrears")}</dt>
        <dd data-testid="case-owed">
          {c.owed.length
            ? t("legal.monthsNow", { months: c.owed.length, total: money(c.owedFen) })
            : t("legal.noArrears")}
        </dd>
      </dl>
      {c.owed.length ? (
        <Table head={[t("notice.period"), t("notice.dueDate"), t("notice.owed")]}>
          {c.owed.map((m) => (
            <tr key={m.period}>
              <td className="tabular-nums">{m.period}</td>
              <td className="tabular-nums">{m.dueDate}</td>
              <td className="tabular-nums">{money(m.owedFen)}</td>
            </tr>
          ))}
        </Table>
      ) : null}
    </Card>
  );
}

async function NoticesCard({ c, canConfirm }: { c: Case; canConfirm: boolean }) {
  const t = await getTranslations("arrears");
  return (
    <Card title={t("legal.notices")}>
      <ul className="space-y-1 text-sm">
        {c.notices.map((n) => (
          <li key={n.id} className="flex justify-between gap-2">
            <Link href={`/staff/crm/notices/${n.id}`} className="font-mono text-brand-700 hover:underline">
              {localNoticeNumber(n.number, t("numberPrefix"))}
            </Link>
            <span>{t(`kind.${n.kind}`)}</span>
            <span className="tabular-nums text-slate-500">{n.issuedOn}</span>
            {n.awaitingConfirmation ? (
              canConfirm ? (
                <ActionForm action={confirmLetterAction} testId={`confirm-letter-${n.id}`}>
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className="rounded-md bg-brand-600 px-2 py-1 text-xs font-medium text-white">
                    {t("letters.confirm")}
                  </button>
                </ActionForm>
              ) : (
                <span className="text-xs text-amber-800">{t("letters.awaiting")}</span>
              )
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}

async function TimelineCard({ c, locale, timeZone }: { c: Case; locale: Locale; timeZone: string }) {
  const t = await getTranslations("arrears");
  return (
    <Card title={t("legal.timeline")}>
      <ol className="space-y-2 text-sm" data-testid="case-timeline">
        {c.events.map((e) => (
          <li key={e.id} className="border-l-2 border-slate-200 pl-3">
            <div className="font-medium">
              {e.action === "follow_up" ? (
                <Link href={`/staff/orders/${e.workOrderId}`} className="text-brand-700 hover:underline">
                  {t("legal.action.follow_up", { orderId: e.workOrderId ?? "" })}
                </Link>
              ) : e.action === "open" ? (
                t("legal.action.open")
              ) : e.action === "letter_confirmed" ? (
                t("legal.action.letter_confirmed")
              ) : (
                `${t("legal.action.move")}: ${e.fromStatus ? t(`legal.status.${e.fromStatus}`) : ""} → ${e.toStatus ? t(`legal.status.${e.toStatus}`) : ""}`
              )}
            </div>
            {e.note ? (
              isNoticeNumber(e.note) ? (
                <div className="font-mono text-slate-700">{localNoticeNumber(e.note, t("numberPrefix"))}</div>
              ) : (
                <div className="text-slate-700" data-user-text>
                  {e.note}
                </div>
              )
            ) : null}
            <div className="text-xs text-slate-500">
              {formatDateTime(e.at, locale, timeZone)} ·{" "}
              {e.actorName ? <span data-user-text>{e.actorName}</span> : t("legal.system")}
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}

async function MoveCaseCard({
  c,
  moves,
}: {
  c: Case;
  moves: (typeof LEGAL_TRANSITIONS)[keyof typeof LEGAL_TRANSITIONS];
}) {
  const t = await getTranslations("arrears");
  return (
    <Card title={t("legal.move")}>
      {moves.length ? (
        <ActionForm action={moveCaseAction} className="space-y-3" testId="move-case">
          <input type="hidden" name="id" value={c.id} />
          <div>
            <label htmlFor="to" className="mb-1 block text-sm font-medium text-slate-700">
              {t("legal.to")}
            </label>
            <select id="to" name="to" className={field}>
              {moves.map((s) => (
                <option key={s} value={s}>
                  {t(`legal.status.${s}`)}
                </option>
              ))}
            </select>
            <FieldError name="to" />
          </div>
          <div>
            <label htmlFor="move-note" className="mb-1 block text-sm font-medium text-slate-700">
              {t("legal.note")}
            </label>
            <textarea id="move-note" name="note" rows={2} className={field} />
            <FieldError name="note" />
          </div>
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">
            {t("legal.save")}
          </button>
        </ActionForm>
      ) : (
        <p className="text-sm text-slate-600">{t("legal.noMoves")}</p>
      )}
    </Card>
  );
}
