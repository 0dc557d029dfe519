import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { DisputeList } from "@/components/crm/disputes/dispute-list";
import { BandBadge } from "@/components/crm/band-badge";
import { ledgerSentence, ruleLabel, sourceHref, sourceLabel } from "@/components/crm/ledger-text";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import { buttonClass, inputClass, labelClass } from "@/components/tickets/order-bits";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { households } from "@/db/schema";
import { hasAnyRole } from "@/lib/auth/roles";
import { requireUser } from "@/app/_lib/session";
import { DISPUTE_STAFF_ROLES } from "@/lib/crm/disputes/access";
import { disputePhotoIds, listDisputes } from "@/lib/crm/disputes/queries";
import type { Locale } from "@/lib/i18n/config";
import { CRM_DASHBOARD_ROLES } from "@/lib/crm/dashboard";
import { canSeeHousehold, householdLedger } from "@/lib/crm/ledger/household";
import { activeGoldBadges, householdSentiments, publishedRules } from "@/lib/crm/ledger/read";
import { getDb } from "@/lib/db";
import { parseId } from "@/app/_lib/registry-guards";
import { loadRegistryView } from "@/lib/registry/view";
import { and, eq } from "drizzle-orm";
import { correctionAction } from "../../actions";
import { localDate } from "@/lib/time/zone";

export async function generateMetadata() {
  return { title: (await getTranslations("crm.dashboard"))("title") };
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** §8.6 drill-down: a household's ledger with the reason for every point. */
export default async function HouseholdLedgerPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(CRM_DASHBOARD_ROLES);
  const id = parseId((await params).id);
  const t = await getTranslations("crm");
  const db = getDb();
  const view = await loadRegistryView(db, user.companyId, { userId: user.id, roles: user.roles });
  if (!(await canSeeHousehold(db, user.companyId, view, id))) notFound();
  const [head] = await db
    .select({ id: households.id, name: households.name, code: households.code })
    .from(households)
    .where(and(eq(households.companyId, user.companyId), eq(households.id, id)));
  if (!head) notFound();
  const asOf = localDate(new Date(), user.timeZone);
  const rules = await publishedRules(db, user.companyId);
  const [entries, sentiments, gold, disputes] = await Promise.all([
    householdLedger(db, user.companyId, id),
    householdSentiments(db, user.companyId, [id], rules),
    activeGoldBadges(db, user.companyId, [id], asOf),
    hasAnyRole(user.roles, DISPUTE_STAFF_ROLES)
      ? listDisputes(db, user.companyId, { userId: user.id, roles: user.roles }, { householdId: id })
      : [],
  ]);
  const td = await getTranslations("arrears.disputes");
  const disputePhotos = await disputePhotoIds(
    db,
    user.companyId,
    disputes.map((d) => d.id),
  );
  const s = sentiments.get(id)!;
  return (
    <div className="space-y-4">
      <PageHeader title={t("household.title", { name: head.name })} actions={<LedgerLinks id={id} />} />
      <Card>
        <div className="flex flex-wrap items-center gap-3" data-testid="household-score">
          <span className="text-sm text-slate-500">{t("household.current")}</span>
          <BandBadge band={s.band} score={s.score} gold={gold.has(id)} />
        </div>
      </Card>
      <LedgerEntries entries={entries} />
      {disputes.length ? (
        <Card title={td("staffTitle")}>
          <DisputeList
            rows={disputes}
            photos={disputePhotos}
            locale={(await getLocale()) as Locale}
            timeZone={user.timeZone}
            hrefOf={(d) => `/staff/crm/disputes/${d}`}
          />
        </Card>
      ) : null}
      {user.roles.includes("admin") ? <CorrectionCard id={id} /> : null}
    </div>
  );
}

async function LedgerLinks({ id }: { id: number }) {
  const t = await getTranslations("crm");
  return (
    <span className="flex items-center gap-3 text-sm">
      <Link href={`/staff/registry/households/${id}`} className="text-brand-700 hover:underline">
        {t("household.registry")}
      </Link>
      <Link href="/staff/crm" className="text-brand-700 hover:underline">
        {t("household.back")}
      </Link>
    </span>
  );
}

async function LedgerEntries({ entries }: { entries: Awaited<ReturnType<typeof householdLedger>> }) {
  const t = await getTranslations("crm");
  return (
    <Card title={t("household.entries")}>
      {entries.length === 0 ? (
        <EmptyState>{t("household.none")}</EmptyState>
      ) : (
        <Table
          head={[
            t("household.date"),
            t("household.rule"),
            t("household.points"),
            t("household.scoreAfter"),
            t("household.explanation"),
            t("household.source"),
          ]}
        >
          {entries.map((e) => {
            const href = sourceHref(e);
            const label = sourceLabel(t, e);
            return (
              <tr key={e.id} data-testid="ledger-entry">
                <td className="whitespace-nowrap tabular-nums">{e.occurredOn}</td>
                <td className="whitespace-nowrap">{ruleLabel(t, e.rule)}</td>
                <td className={`tabular-nums ${e.points < 0 ? "text-red-700" : "text-emerald-700"}`}>
                  {signed(e.points)}
                </td>
                <td className="tabular-nums">{e.scoreAfter}</td>
                <td>
                  {ledgerSentence(t, e)}
                  {e.reason ? (
                    <div className="text-xs text-slate-500">
                      {t("household.reason")}: {e.reason}
                    </div>
                  ) : null}
                  {e.actorName ? (
                    <div className="text-xs text-slate-500">{t("household.by", { name: e.actorName })}</div>
                  ) : null}
                </td>
                <td className="whitespace-nowrap">
                  {href && label ? (
                    <Link href={href} className="text-brand-700 hover:underline">
                      {label}
                    </Link>
                  ) : (
                    (label ?? "—")
                  )}
                </td>
              </tr>
            );
          })}
        </Table>
      )}
    </Card>
  );
}

async function CorrectionCard({ id }: { id: number }) {
  const t = await getTranslations("crm");
  return (
    <Card title={t("household.correction.title")}>
      <p className="mb-3 text-xs text-slate-500">{t("household.correction.hint")}</p>
      <ActionForm
        action={correctionAction}
        className="grid items-start gap-3 sm:grid-cols-[14rem_1fr_auto]"
        testId="correction-form"
      >
        <input type="hidden" name="householdId" value={id} />
        <div>
          <label htmlFor="corr-points" className={labelClass}>
            {t("household.correction.points")}
          </label>
          <input id="corr-points" name="points" type="number" className={inputClass} />
          <FieldError name="points" />
        </div>
        <div>
          <label htmlFor="corr-reason" className={labelClass}>
            {t("household.correction.reason")}
          </label>
          <input id="corr-reason" name="reason" className={inputClass} />
          <FieldError name="reason" />
        </div>
        <button type="submit" className={`${buttonClass} sm:mt-6`}>
          {t("household.correction.submit")}
        </button>
      </ActionForm>
    </Card>
  );
}
