import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, EmptyState } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { residentSurveys } from "@/lib/crm/surveys/answers";
import { getDb } from "@/lib/db";
import { localDate } from "@/lib/time/zone";

export async function generateMetadata() {
  return { title: (await getTranslations("visits.resident"))("title") };
}

/** The surveys sent to the resident's households, newest first. */
export default async function ResidentSurveysPage() {
  const user = await requireUser(["resident"]);
  const t = await getTranslations("visits.resident");
  const list = await residentSurveys(getDb(), user.companyId, user.id, localDate(new Date(), user.timeZone));
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">{t("title")}</h1>
      {list.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <ul className="space-y-3">
          {list.map((s) => {
            const done = s.answered >= s.households;
            return (
              <li key={s.id}>
                <Link href={`/surveys/${s.id}`} className="block" data-testid="survey-item">
                  <Card>
                    <div className="flex items-center justify-between gap-2">
                      <span className="font-medium">{s.quarter}</span>
                      <span
                        className={`rounded-full px-2 py-0.5 text-xs ${done ? "bg-slate-100 text-slate-600" : s.open ? "bg-brand-50 text-brand-700" : "bg-slate-100 text-slate-600"}`}
                      >
                        {done ? t("answered") : s.open ? t("toAnswer") : t("closed")}
                      </span>
                    </div>
                    <p className="mt-1 text-xs text-slate-500">{t("period", { from: s.opensOn, to: s.closesOn })}</p>
                  </Card>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
