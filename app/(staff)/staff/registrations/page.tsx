import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { RegistrationDecision } from "@/components/residents/registration-decision";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import { listRegistrations } from "@/lib/residents/queries";
import { APPROVER_ROLES } from "@/lib/residents/rules";
import { REGISTRATION_TABS, registrationTabSchema } from "@/lib/residents/schemas";

export async function generateMetadata() {
  return { title: (await getTranslations("residents"))("staff.title") };
}

const LIMIT = 200;

export default async function RegistrationsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const user = await requireUser(APPROVER_ROLES);
  const t = await getTranslations("residents");
  const locale = (await getLocale()) as Locale;
  const tab = registrationTabSchema.parse((await searchParams).status);
  const rows = await listRegistrations(getDb(), user.companyId, { userId: user.id, roles: user.roles }, tab, { limit: LIMIT });
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
              s === tab ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"
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
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-xs text-slate-500">
                <tr>
                  <th className="py-2 pr-3 font-medium">{t("staff.requester")}</th>
                  <th className="py-2 pr-3 font-medium">{t("staff.household")}</th>
                  <th className="py-2 pr-3 font-medium">{t("staff.units")}</th>
                  <th className="py-2 pr-3 font-medium">{t("staff.relation")}</th>
                  <th className="py-2 pr-3 font-medium">{t("staff.requestedAt")}</th>
                  <th className="py-2 font-medium">{tab === "pending" ? t("staff.actions") : t("staff.decided")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.linkId} data-testid="registration-row" className="border-b border-slate-100 align-top last:border-0">
                    <td className="py-2 pr-3">
                      <div className="font-medium">{r.requester.name}</div>
                      <div className="tabular-nums text-slate-500">{r.requester.phone ?? "—"}</div>
                    </td>
                    <td className="py-2 pr-3">{r.household.name}</td>
                    <td className="py-2 pr-3">
                      <ul className="space-y-0.5">
                        {r.units.map((u) => (
                          <li key={u.id} className="whitespace-nowrap">
                            {u.label}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td className="py-2 pr-3 whitespace-nowrap">{t(`relation.${r.relation}`)}</td>
                    <td className="py-2 pr-3 whitespace-nowrap tabular-nums">{when(r.requestedAt)}</td>
                    <td className="py-2">
                      {tab === "pending" ? (
                        <RegistrationDecision linkId={r.linkId} requester={r.requester.name} />
                      ) : (
                        <div className="text-slate-600">
                          <div className="whitespace-nowrap">{t("staff.decidedBy", { name: r.decidedBy ?? "—", date: when(r.updatedAt) })}</div>
                          {r.reason ? <div className="mt-0.5 text-xs">{t("home.rejectedReason", { reason: r.reason })}</div> : null}
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {rows.length === LIMIT ? <p className="mt-2 text-xs text-slate-500">{t("staff.limited", { count: LIMIT })}</p> : null}
          </div>
        )}
      </Card>
    </div>
  );
}
