import { getLocale, getTranslations } from "next-intl/server";
import { withUserText } from "@/components/ui/user-text";
import { DataSections } from "@/components/privacy/data-sections";
import { PrintButton } from "@/components/privacy/print-button";
import { PrivacyRequestForm } from "@/components/privacy/request-form";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { formatDate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { collectMyData, MY_DATA_SECTIONS, type MyDataSection } from "@/lib/privacy/my-data";
import { requestsOf } from "@/lib/privacy/requests";
import { privacySettings } from "@/lib/privacy/settings";
import { submitPrivacyRequestAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("privacy.myData"))("title") };
}

const STATUS_STYLE = { open: "bg-amber-100 text-amber-900", accepted: "bg-green-100 text-green-800", rejected: "bg-slate-100 text-slate-700" } as const;

/** "My data" (PIPL arts. 44–47): everything held, as a readable page and a JSON download; correction and deletion requests. */
export default async function MyDataPage() {
  const user = await requireUser(["resident"]);
  const db = getDb();
  const locale = (await getLocale()) as Locale;
  const t = await getTranslations("privacy");
  const [data, requests, settings] = await Promise.all([
    collectMyData(db, user.companyId, user.id),
    requestsOf(db, user.companyId, user.id),
    privacySettings(db, user.companyId),
  ]);
  const labels = Object.fromEntries(MY_DATA_SECTIONS.map((s) => [s, t(`myData.section.${s}`)])) as Record<MyDataSection, string>;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold">{t("myData.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("myData.intro")}</p>
      </div>
      <div className="flex gap-2 print:hidden">
        <a href="/me/data/json" download className="inline-flex flex-1 items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          {t("myData.downloadJson")}
        </a>
        <PrintButton label={t("myData.print")} />
      </div>
      <DataSections
        data={data}
        sections={MY_DATA_SECTIONS}
        labels={labels}
        emptyText={t("myData.empty")}
        countText={(count) => t("myData.rows", { count })}
        locale={locale}
        timeZone={user.timeZone}
      />
      <div className="print:hidden">
        <Card title={t("requests.title")}>
          <PrivacyRequestForm submitPrivacyRequestAction={submitPrivacyRequestAction} retentionYears={settings.moneyRetentionYears} />
        </Card>
      </div>
      <Card title={t("requests.mine")}>
        {requests.length === 0 ? (
          <p className="text-sm text-slate-500">{t("requests.none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="my-privacy-requests">
            {requests.map((r) => (
              <li key={r.id} className="py-2 text-sm" data-testid="my-privacy-request">
                <div className="flex items-center justify-between gap-2">
                  <span className="font-medium">{t(`requests.kind.${r.kind}`)}</span>
                  <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[r.status]}`}>{t(`requests.status.${r.status}`)}</span>
                </div>
                <p className="mt-1 break-words text-slate-700" data-user-text>{r.details}</p>
                <p className="mt-1 text-xs text-slate-500">{t("requests.askedOn", { date: formatDate(r.createdAt, locale, user.timeZone) })}</p>
                {r.decisionReason ? <p className="mt-1 text-slate-700">{withUserText((reason) => t("requests.reason", { reason }), r.decisionReason)}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
