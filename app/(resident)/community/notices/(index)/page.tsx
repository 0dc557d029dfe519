import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, EmptyState } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import { residentNotices } from "@/lib/portal/notices";

export async function generateMetadata() {
  return { title: (await getTranslations("portal.notices"))("title") };
}

export default async function NoticesPage() {
  const user = await requireUser(["resident"]);
  const t = await getTranslations("portal.notices");
  const locale = (await getLocale()) as Locale;
  const rows = await residentNotices(getDb(), user.companyId, user.id, new Date());
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">{t("title")}</h1>
      {rows.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <ul className="space-y-3" data-testid="notice-list">
          {rows.map((n) => (
            <li key={n.id}>
              <Link href={`/community/notices/${n.id}`} className="block">
                <Card className={n.emergency ? "ring-red-300" : ""}>
                  <div className="flex flex-wrap items-center gap-2 text-xs">
                    {n.emergency ? (
                      <span className="rounded bg-red-700 px-1.5 py-0.5 font-semibold text-white">
                        {t("emergency")}
                      </span>
                    ) : null}
                    {n.pinned ? (
                      <span className="rounded bg-amber-100 px-1.5 py-0.5 font-semibold text-amber-900">
                        {t("pinned")}
                      </span>
                    ) : null}
                    <span className={n.readAt ? "text-slate-600" : "font-semibold text-brand-700"}>
                      {n.readAt ? t("read") : t("unread")}
                    </span>
                  </div>
                  <div className={`mt-1 ${n.readAt ? "" : "font-semibold"}`} data-user-text>
                    {n.title}
                  </div>
                  <div className="mt-1 text-xs text-slate-600">
                    {n.communityName} · {formatDateTime(n.publishAt, locale, user.timeZone)}
                  </div>
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
