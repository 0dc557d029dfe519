import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, EmptyState } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import { residentActivities } from "@/lib/portal/activities";

export async function generateMetadata() {
  return { title: (await getTranslations("portal.activities"))("title") };
}

export default async function ActivitiesPage() {
  const user = await requireUser(["resident"]);
  const t = await getTranslations("portal.activities");
  const locale = (await getLocale()) as Locale;
  const rows = await residentActivities(getDb(), user.companyId, user.id, new Date());
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">{t("title")}</h1>
      {rows.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <ul className="space-y-3">
          {rows.map((a) => (
            <li key={a.id}>
              <Link href={`/community/activities/${a.id}`} className="block">
                <Card>
                  <div className="flex items-start justify-between gap-2">
                    <span className="font-medium" data-user-text>
                      {a.title}
                    </span>
                    {a.myStatus === "confirmed" ? (
                      <span className="shrink-0 rounded bg-green-100 px-1.5 py-0.5 text-xs font-semibold text-green-900">
                        {t("signedUp")}
                      </span>
                    ) : a.myStatus === "waiting" ? (
                      <span className="shrink-0 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">
                        {t("waitlisted")}
                      </span>
                    ) : null}
                  </div>
                  <p className="mt-1 text-sm text-slate-700">
                    {formatDateTime(a.startsAt, locale, user.timeZone)} · <span data-user-text>{a.place}</span>
                  </p>
                  <p className="mt-1 text-xs text-slate-600">
                    {t("seats", { confirmed: Number(a.confirmed), capacity: a.capacity })}
                    {Number(a.waiting) ? ` · ${t("waitingCount", { count: Number(a.waiting) })}` : ""}
                  </p>
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
