import Link from "next/link";
import { noticeNumberText } from "@/components/crm/arrears/notice-number";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/tickets/action-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { hasAnyRole } from "@/lib/auth/roles";
import { requireUser } from "@/app/_lib/session";
import { LETTER_CONFIRM_ROLES } from "@/lib/crm/disputes/access";
import { lettersAwaitingConfirmation } from "@/lib/crm/legal/letters";
import { LEGAL_VIEW_ROLES, listLegalCases } from "@/lib/crm/legal/cases";
import { isLegalCaseOpen, LEGAL_CASE_STATUSES, type LegalCaseStatus } from "@/lib/crm/rules/arrears";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";
import { confirmLetterAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("arrears.legal"))("title") };
}

/** The legal dashboard: cases by status with counts (open ones first), newest first. */
export default async function LegalPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const user = await requireUser(LEGAL_VIEW_ROLES);
  const sp = await searchParams;
  const status = LEGAL_CASE_STATUSES.includes(sp.status as LegalCaseStatus)
    ? (sp.status as LegalCaseStatus)
    : undefined;
  const t = await getTranslations("arrears.legal");
  const viewer = { userId: user.id, roles: user.roles };
  const [{ rows, byStatus }, letters] = await Promise.all([
    listLegalCases(getDb(), user.companyId, viewer, status),
    lettersAwaitingConfirmation(getDb(), user.companyId, viewer),
  ]);
  const canConfirm = hasAnyRole(user.roles, LETTER_CONFIRM_ROLES);
  const locale = (await getLocale()) as Locale;
  const shown = status ? rows : rows.filter((r) => isLegalCaseOpen(r.status));
  const openCount = LEGAL_CASE_STATUSES.filter(isLegalCaseOpen).reduce((s, k) => s + byStatus[k], 0);
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      {letters.length ? <LettersCard letters={letters} canConfirm={canConfirm} locale={locale} /> : null}
      <StatusNav status={status} openCount={openCount} byStatus={byStatus} />
      <Card>
        {shown.length === 0 ? (
          <EmptyState>{t("empty")}</EmptyState>
        ) : (
          <Table head={["#", t("household"), t("openedOn"), t("statusLabel")]}>
            {shown.map((c) => (
              <tr key={c.id} data-testid={`legal-case-${c.id}`}>
                <td className="tabular-nums">
                  <Link href={`/staff/legal/${c.id}`} className="font-medium text-brand-700 hover:underline">
                    {c.id}
                  </Link>
                </td>
                <td data-user-text>{c.householdName}</td>
                <td className="tabular-nums">{c.openedOn}</td>
                <td>{t(`status.${c.status}`)}</td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}

async function LettersCard({
  letters,
  canConfirm,
  locale,
}: {
  letters: Awaited<ReturnType<typeof lettersAwaitingConfirmation>>;
  canConfirm: boolean;
  locale: Locale;
}) {
  const t = await getTranslations("arrears.legal");
  const tl = await getTranslations("arrears.letters");
  const num = await noticeNumberText();
  const money = (fen: number) => formatFen(fen, locale);
  return (
    <Card title={tl("title")}>
      <p className="mb-3 text-sm text-slate-600">{tl("hint")}</p>
      <Table head={[t("notices"), t("household"), t("openedOn"), t("currentArrears"), ""]}>
        {letters.map((l) => (
          <tr key={l.id} data-testid={`letter-${l.id}`}>
            <td>
              <Link href={`/staff/crm/notices/${l.id}`} className="font-mono text-brand-700 hover:underline">
                {num(l.number)}
              </Link>
            </td>
            <td data-user-text>
              {l.caseId ? (
                <Link href={`/staff/legal/${l.caseId}`} className="hover:underline">
                  {l.householdName}
                </Link>
              ) : (
                l.householdName
              )}
            </td>
            <td className="tabular-nums">{l.issuedOn}</td>
            <td className="tabular-nums">
              {t("monthsNow", { months: l.snapshot.monthsInArrears, total: money(l.snapshot.totalFen) })}
            </td>
            <td>
              {canConfirm ? (
                <ActionForm action={confirmLetterAction} testId={`confirm-letter-${l.id}`}>
                  <input type="hidden" name="id" value={l.id} />
                  <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">
                    {tl("confirm")}
                  </button>
                </ActionForm>
              ) : (
                <span className="text-xs text-slate-500">{tl("awaiting")}</span>
              )}
            </td>
          </tr>
        ))}
      </Table>
    </Card>
  );
}

async function StatusNav({
  status,
  openCount,
  byStatus,
}: {
  status: LegalCaseStatus | undefined;
  openCount: number;
  byStatus: Record<LegalCaseStatus, number>;
}) {
  const t = await getTranslations("arrears.legal");
  return (
    <nav className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-7" aria-label={t("title")}>
      <Link
        href="/staff/legal"
        aria-current={!status ? "page" : undefined}
        className={`rounded-md p-3 ring-1 ${!status ? "bg-brand-50 ring-brand-300" : "bg-white ring-slate-200"}`}
      >
        <div className="text-xs text-slate-500">{t("open")}</div>
        <div className="text-lg font-semibold tabular-nums" data-testid="legal-open-count">
          {openCount}
        </div>
      </Link>
      {LEGAL_CASE_STATUSES.map((s) => (
        <Link
          key={s}
          href={`/staff/legal?status=${s}`}
          aria-current={status === s ? "page" : undefined}
          className={`rounded-md p-3 ring-1 ${status === s ? "bg-brand-50 ring-brand-300" : "bg-white ring-slate-200"}`}
        >
          <div className="text-xs text-slate-500">{t(`status.${s}`)}</div>
          <div className="text-lg font-semibold tabular-nums" data-testid={`legal-count-${s}`}>
            {byStatus[s]}
          </div>
        </Link>
      ))}
    </nav>
  );
}
