import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { residentSurvey } from "@/lib/crm/surveys/answers";
import { getDb } from "@/lib/db";
import { localDate } from "@/lib/time/zone";
import { SurveyForm } from "@/components/crm/visits/survey-form";
import { requireUser } from "@/app/_lib/session";
import { answerSurveyAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("visits.resident"))("title") };
}

/**
 * One survey for the resident (only if one of their households received it; else 404). With
 * several households, `?household=` picks which one answers; each household answers once.
 */
export default async function ResidentSurveyPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ household?: string }>;
}) {
  const user = await requireUser(["resident"]);
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const found = await residentSurvey(getDb(), user.companyId, user.id, id, localDate(new Date(), user.timeZone));
  if (!found) notFound();
  const t = await getTranslations("visits.resident");
  const wanted = Number((await searchParams).household);
  const home =
    found.households.find((h) => h.householdId === wanted) ??
    found.households.find((h) => !h.answeredAt) ??
    found.households[0];
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold">
          {t("title")} · {found.survey.quarter}
        </h1>
        <p className="text-xs text-slate-500">
          {t("period", { from: found.survey.opensOn, to: found.survey.closesOn })}
        </p>
      </div>
      {found.households.length > 1 ? (
        <nav className="flex flex-wrap gap-2" aria-label={t("household")}>
          {found.households.map((h) => (
            <Link
              key={h.householdId}
              href={`/surveys/${id}?household=${h.householdId}`}
              aria-current={h.householdId === home.householdId ? "page" : undefined}
              className={`rounded-full px-3 py-2 text-sm ring-1 ${h.householdId === home.householdId ? "bg-brand-600 text-white ring-brand-600" : "bg-white ring-slate-300"}`}
            >
              {h.householdName}
              {h.answeredAt ? " ✓" : ""}
            </Link>
          ))}
        </nav>
      ) : null}
      <Card>
        {home.answeredAt ? (
          <p role="status" className="text-sm text-slate-700" data-testid="survey-answered">
            {t("alreadyAnswered")}
          </p>
        ) : !found.open ? (
          <p role="status" className="text-sm text-slate-700">
            {t("isClosed", { date: found.survey.closesOn })}
          </p>
        ) : (
          <>
            <div className="mb-4 space-y-1 text-sm text-slate-600">
              <p className="text-xs text-slate-500">{t("household")}</p>
              <p className="font-medium text-slate-900">{home.householdName}</p>
              <p>{t("intro")}</p>
            </div>
            <SurveyForm
              answerSurveyAction={answerSurveyAction}
              key={home.householdId}
              surveyId={id}
              householdId={home.householdId}
            />
          </>
        )}
      </Card>
    </div>
  );
}
