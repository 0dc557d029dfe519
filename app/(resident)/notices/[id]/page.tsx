import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { NoticeSheet } from "@/components/arrears/notice-sheet";
import { PrintButton } from "@/components/billing/print-button";
import { requireUser } from "@/lib/auth/session";
import { residentNotice } from "@/lib/crm/notices";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";

export async function generateMetadata() {
  return { title: (await getTranslations("arrears.notice"))("title") };
}

/** A ladder notice of one of the resident's own households; any other id is a 404. */
export default async function ResidentNoticePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(["resident"]);
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const notice = await residentNotice(getDb(), user.companyId, user.id, Number(id));
  if (!notice) notFound();
  const t = await getTranslations("arrears.notice");
  return (
    <div className="space-y-4">
      <NoticeSheet notice={notice} locale={(await getLocale()) as Locale} />
      <div className="no-print flex items-center justify-between gap-2">
        <Link href="/notifications" className="text-sm text-brand-700 hover:underline">
          ← {t("back")}
        </Link>
        <div className="flex items-center gap-3">
          <Link href="/bills" className="text-sm font-medium text-brand-700 hover:underline">
            {t("payOnline")}
          </Link>
          <PrintButton label={t("print")} />
        </div>
      </div>
    </div>
  );
}
