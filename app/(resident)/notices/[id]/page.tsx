import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { NoticeSheet } from "@/components/crm/arrears/notice-sheet";
import { PrintButton } from "@/components/billing/print-button";
import { requireUser } from "@/app/_lib/session";
import { residentDisputes } from "@/lib/crm/disputes/queries";
import { residentNotice } from "@/lib/crm/notices/queries";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { env } from "@/lib/env";

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
  const td = await getTranslations("arrears.disputes");
  const [latest] = await residentDisputes(getDb(), user.companyId, user.id, { noticeId: notice.id });
  const disputeHref = `/disputes/new?notice=${notice.id}`;
  const base = (env.NEXTAUTH_URL ?? "").replace(/\/$/, "");
  return (
    <div className="space-y-4">
      {latest ? (
        <div
          className={`no-print rounded-md p-3 text-sm ring-1 ${latest.status === "open" ? "bg-amber-50 ring-amber-200" : "bg-slate-50 ring-slate-200"}`}
          data-testid="notice-dispute"
        >
          <p>
            {latest.status === "open"
              ? td("onNoticeOpen")
              : td("onNoticeDone", { status: td(`status.${latest.status}`) })}
            {latest.status !== "open" && latest.resolution ? (
              <>
                {" "}
                <span data-user-text>{latest.resolution}</span>
              </>
            ) : null}
          </p>
          <Link href="/disputes" className="mt-1 inline-block text-brand-700 hover:underline">
            {td("seeAll")}
          </Link>
        </div>
      ) : null}
      <NoticeSheet
        notice={notice}
        locale={(await getLocale()) as Locale}
        disputeHref={latest?.status === "open" ? undefined : disputeHref}
        disputeUrl={`${base}${disputeHref}`}
      />
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
