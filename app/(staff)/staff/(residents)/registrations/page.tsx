import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { RegistrationDecision } from "@/components/residents/registration-decision";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import { listRegistrations } from "@/lib/residents/queries";
import { APPROVER_ROLES } from "@/lib/residents/rules";
import { REGISTRATION_TABS, registrationTabSchema } from "@/lib/residents/schemas";
import { approveRegistrationAction, rejectRegistrationAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("residents"))("staff.title") };
}

const LIMIT = 200;
const COLUMNS =
  "md:grid-cols-[minmax(7rem,1fr)_minmax(5rem,0.7fr)_minmax(9rem,1.3fr)_5.5rem_minmax(8rem,0.9fr)_minmax(11rem,1.1fr)] md:gap-3";

type Row = Awaited<ReturnType<typeof listRegistrations>>[number];
type Tab = ReturnType<typeof registrationTabSchema.parse>;

export default async function RegistrationsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const user = await requireUser(APPROVER_ROLES);
  const t = await getTranslations("residents");
  const locale = (await getLocale()) as Locale;
  const tab = registrationTabSchema.parse((await searchParams).status);
  const rows = await listRegistrations(getDb(), user.companyId, { userId: user.id, roles: user.roles }, tab, {
    limit: LIMIT,
  });
  const when = (d: Date) => formatDateTime(d, locale, user.timeZone);
  return (
    <div className="space-y-4">
      <PageHeader title={t("staff.title")} subtitle={t("staff.subtitle")} />
      <nav aria-label={t("staff.title")} className="flex gap-1 border-b border-slate-200">
        {REGISTRATION_TABS.map((s) => (
          <Link
            key={s}
            href={s === "pending" ? "/staff/registrations" : `/staff/registrations?status=${s}`}
            aria-current={s === tab ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${
              s === tab
                ? "border-brand-600 font-medium text-brand-700"
                : "border-transparent text-slate-600 hover:text-slate-900"
            }`}
          >
            {t(`staff.tabs.${s}`)}
          </Link>
        ))}
      </nav>
      <Card>
        {rows.length === 0 ? (
          <EmptyState>{t(`staff.empty.${tab}`)}</EmptyState>
        ) : (
          <div>
            {/* One grid for both widths: a table from md up, stacked cards on a phone. */}
            <div
              aria-hidden
              className={`${COLUMNS} hidden border-b border-slate-200 pb-2 text-xs font-medium text-slate-500 md:grid`}
            >
              <span>{t("staff.requester")}</span>
              <span>{t("staff.household")}</span>
              <span>{t("staff.units")}</span>
              <span>{t("staff.relation")}</span>
              <span>{t("staff.requestedAt")}</span>
              <span>{tab === "pending" ? t("staff.actions") : t("staff.decided")}</span>
            </div>
            <ul className="divide-y divide-slate-100 text-sm">
              {rows.map((r) => (
                <RegistrationRow key={r.linkId} r={r} tab={tab} when={when} />
              ))}
            </ul>
            {rows.length === LIMIT ? (
              <p className="mt-2 text-xs text-slate-500">{t("staff.limited", { count: LIMIT })}</p>
            ) : null}
          </div>
        )}
      </Card>
    </div>
  );
}

async function RegistrationRow({ r, tab, when }: { r: Row; tab: Tab; when: (d: Date) => string }) {
  const t = await getTranslations("residents");
  return (
    <li key={r.linkId} data-testid="registration-row" className={`${COLUMNS} grid gap-1 py-3 md:items-start`}>
      <div className="flex flex-wrap items-baseline gap-x-2 md:block">
        <div className="font-medium" data-user-text>
          {r.requester.name}
        </div>
        <div className="tabular-nums text-slate-500">{r.requester.phone ?? "—"}</div>
      </div>
      <div>
        <span className="mr-1 text-slate-500 md:hidden">{t("staff.householdLabel")}</span>
        <span data-user-text>{r.household.name}</span>
        <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 md:hidden">
          {t(`relation.${r.relation}`)}
        </span>
      </div>
      <ul className="space-y-0.5 text-slate-700">
        {r.units.map((u) => (
          <li key={u.id} data-user-text>
            {u.label}
          </li>
        ))}
      </ul>
      <div className="hidden md:block">{t(`relation.${r.relation}`)}</div>
      <div className="tabular-nums text-xs text-slate-500 md:text-sm md:text-slate-900">
        <span className="mr-1 md:hidden">{t("staff.requestedAtLabel")}</span>
        {when(r.requestedAt)}
      </div>
      <div className="mt-1 md:mt-0">
        {tab === "pending" ? (
          <RegistrationDecision
            approveRegistrationAction={approveRegistrationAction}
            rejectRegistrationAction={rejectRegistrationAction}
            linkId={r.linkId}
            requester={r.requester.name}
          />
        ) : (
          <div className="text-slate-600">
            <div>{t("staff.decidedBy", { name: r.decidedBy ?? "—", date: when(r.updatedAt) })}</div>
            {r.reason ? <div className="mt-0.5 text-xs">{t("home.rejectedReason", { reason: r.reason })}</div> : null}
          </div>
        )}
      </div>
    </li>
  );
}
