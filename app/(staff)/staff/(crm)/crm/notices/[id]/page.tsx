import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { NoticeSheet } from "@/components/crm/arrears/notice-sheet";
import { PrintButton } from "@/components/billing/print-button";
import { NOTICE_VIEW_ROLES } from "@/lib/crm/arrears/access";
import { requireUser } from "@/app/_lib/session";
import { staffNotice } from "@/lib/crm/notices/queries";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";

export async function generateMetadata() {
  return { title: (await getTranslations("arrears.notice"))("title") };
}

/** A ladder notice of a household the viewer's registry view shows; else 404. */
export default async function StaffNoticePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(NOTICE_VIEW_ROLES);
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const notice = await staffNotice(getDb(), user.companyId, { userId: user.id, roles: user.roles }, Number(id));
  if (!notice) notFound();
  const t = await getTranslations("arrears.notice");
  return (
    <div className="space-y-4">
      <div className="no-print flex items-center justify-between">
        <Link href="/staff/crm/notices" className="text-sm text-brand-700 hover:underline">
          ← {t("listTitle")}
        </Link>
        <PrintButton label={t("print")} />
      </div>
      {notice.awaitingConfirmation ? (
        <p
          className="no-print rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200"
          data-testid="notice-awaiting"
        >
          {(await getTranslations("arrears.letters"))("awaiting")}
        </p>
      ) : null}
      <NoticeSheet notice={notice} locale={(await getLocale()) as Locale} />
    </div>
  );
}
