import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { MarkRead } from "@/components/portal/mark-read";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import { residentNotice } from "@/lib/portal/notices";
import { markNoticeReadAction } from "../../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("portal.notices"))("title") };
}

/** One announcement; unpublished, another community's or another company's → 404. */
export default async function NoticePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(["resident"]);
  const raw = (await params).id;
  if (!/^\d{1,12}$/.test(raw)) notFound();
  const notice = await residentNotice(getDb(), user.companyId, user.id, Number(raw), new Date());
  if (!notice) notFound();
  const t = await getTranslations("portal.notices");
  const locale = (await getLocale()) as Locale;
  return (
    <div className="space-y-4">
      {notice.readAt ? null : <MarkRead markNoticeReadAction={markNoticeReadAction} id={notice.id} />}
      <Card>
        <div className="flex flex-wrap items-center gap-2 text-xs">
          {notice.emergency ? (
            <span className="rounded bg-red-700 px-1.5 py-0.5 font-semibold text-white">{t("emergency")}</span>
          ) : null}
          {notice.pinned ? (
            <span className="rounded bg-amber-100 px-1.5 py-0.5 font-semibold text-amber-900">{t("pinned")}</span>
          ) : null}
        </div>
        <h1 className="mt-1 text-lg font-semibold" data-user-text>
          {notice.title}
        </h1>
        <p className="text-xs text-slate-600">
          <span data-user-text>{notice.communityName}</span> ·{" "}
          {t("publishedAt", { date: formatDateTime(notice.publishAt, locale, user.timeZone) })}
        </p>
        <div className="mt-3 whitespace-pre-wrap text-sm leading-relaxed text-slate-800" data-user-text>
          {notice.body}
        </div>
      </Card>
      <Link href="/community/notices" className="block text-center text-sm text-brand-700 hover:underline">
        {t("back")}
      </Link>
    </div>
  );
}
