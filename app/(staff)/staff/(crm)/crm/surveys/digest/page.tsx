import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { SURVEY_AREAS } from "@/lib/crm/rules/visits";
import { butlerDigest, digestButlers, getSurvey, listSurveys } from "@/lib/crm/surveys/results";
import { VISIT_REPORT_ROLES } from "@/lib/crm/visits/access";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import { loadRegistryView } from "@/lib/registry/view";

export async function generateMetadata() {
  return { title: (await getTranslations("visits.surveys"))("digest") };
}

/**
 * A butler's digest of a survey: their households' low scores (≤ 2) and comments. A butler sees
 * their own; a supervisor their team's; a project manager or admin any butler in their scope.
 */
export default async function DigestPage({
  searchParams,
}: {
  searchParams: Promise<{ survey?: string; butler?: string }>;
}) {
  const user = await requireUser(VISIT_REPORT_ROLES);
  const sp = await searchParams;
  const t = await getTranslations("visits.surveys");
  const locale = (await getLocale()) as Locale;
  const db = getDb();
  const surveyId = Number(sp.survey);
  const survey =
    Number.isInteger(surveyId) && surveyId > 0
      ? await getSurvey(db, user.companyId, surveyId)
      : ((await listSurveys(db, user.companyId))[0] ?? null);
  if (!survey) notFound();
  const view = await loadRegistryView(db, user.companyId, { userId: user.id, roles: user.roles });
  const butlers = await digestButlers(db, user.companyId, survey.id, view);
  const wanted = Number(sp.butler);
  const butler = butlers.find((b) => b.id === wanted) ?? butlers.find((b) => b.id === user.id) ?? butlers[0] ?? null;
  if (sp.butler && butler?.id !== wanted) notFound();
  const rows = butler ? await butlerDigest(db, user.companyId, survey.id, butler.id) : [];
  const areas = ["overall", ...SURVEY_AREAS] as const;
  return (
    <div className="space-y-4">
      <PageHeader title={t("digestTitle", { quarter: survey.quarter })} subtitle={t("digestSubtitle")} />
      {butlers.length > 1 ? (
        <nav className="flex flex-wrap gap-2" aria-label={t("digestFor")}>
          {butlers.map((b) => (
            <Link
              key={b.id}
              href={`/staff/crm/surveys/digest?survey=${survey.id}&butler=${b.id}`}
              aria-current={b.id === butler?.id ? "page" : undefined}
              className={`rounded-md px-3 py-1.5 text-sm ring-1 ${b.id === butler?.id ? "bg-brand-600 text-white ring-brand-600" : "bg-white ring-slate-300"}`}
            >
              {b.name}
            </Link>
          ))}
        </nav>
      ) : null}
      <Card title={butler ? `${t("digestFor")} · ${butler.name}` : undefined}>
        {rows.length ? (
          <Table head={[t("household"), ...areas.map((a) => t(a)), t("comment"), t("answeredAt")]}>
            {rows.map((r) => (
              <tr key={r.householdId} data-testid="digest-row">
                <td>
                  {r.householdName} <span className="text-xs text-slate-500">{r.householdCode}</span>
                </td>
                {areas.map((a) => (
                  <td key={a} className={`tabular-nums ${r.lowAreas.includes(a) ? "font-semibold text-red-700" : ""}`}>
                    {r[a]}
                  </td>
                ))}
                <td className="max-w-xs whitespace-pre-wrap">{r.comment ?? ""}</td>
                <td className="whitespace-nowrap text-xs text-slate-500">
                  {formatDateTime(r.answeredAt, locale, user.timeZone)}
                </td>
              </tr>
            ))}
          </Table>
        ) : (
          <EmptyState>{t("digestEmpty")}</EmptyState>
        )}
      </Card>
    </div>
  );
}
