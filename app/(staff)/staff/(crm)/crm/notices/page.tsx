import Link from "next/link";
import { localNoticeNumber } from "@/lib/crm/rules/arrears";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { NOTICE_KIND_VALUES } from "@/db/schema/crm/arrears";
import { NOTICE_VIEW_ROLES } from "@/lib/crm/arrears/access";
import { noticeFilterSchema } from "@/lib/crm/arrears/schemas";
import { requireUser } from "@/app/_lib/session";
import { listNotices } from "@/lib/crm/notices/queries";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";

export async function generateMetadata() {
  return { title: (await getTranslations("arrears.notice"))("listTitle") };
}

/** The ladder's notices of the households the viewer may see, by kind and month. */
export default async function NoticesPage({
  searchParams,
}: {
  searchParams: Promise<{ kind?: string; month?: string }>;
}) {
  const user = await requireUser(NOTICE_VIEW_ROLES);
  const f = noticeFilterSchema.parse(await searchParams);
  const t = await getTranslations("arrears");
  const locale = (await getLocale()) as Locale;
  const rows = await listNotices(getDb(), user.companyId, { userId: user.id, roles: user.roles }, f);
  return (
    <div className="space-y-4">
      <PageHeader title={t("notice.listTitle")} />
      <NoticeFilter f={f} />
      <NoticesCard rows={rows} locale={locale} />
    </div>
  );
}

async function NoticeFilter({ f }: { f: ReturnType<typeof noticeFilterSchema.parse> }) {
  const t = await getTranslations("arrears");
  return (
    <Card>
      <form method="get" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="kind" className="mb-1 block text-sm font-medium text-slate-700">
            {t("notice.filterKind")}
          </label>
          <select
            id="kind"
            name="kind"
            defaultValue={f.kind ?? ""}
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            <option value="">{t("notice.allKinds")}</option>
            {NOTICE_KIND_VALUES.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="month" className="mb-1 block text-sm font-medium text-slate-700">
            {t("notice.filterMonth")}
          </label>
          <input
            id="month"
            name="month"
            type="month"
            defaultValue={f.month ?? ""}
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          />
        </div>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">
          {t("notice.apply")}
        </button>
      </form>
    </Card>
  );
}

async function NoticesCard({ rows, locale }: { rows: Awaited<ReturnType<typeof listNotices>>; locale: Locale }) {
  const t = await getTranslations("arrears");
  return (
    <Card title={t("notice.count", { count: rows.length })}>
      {rows.length === 0 ? (
        <EmptyState>{t("notice.empty")}</EmptyState>
      ) : (
        <Table
          head={[
            t("notice.number"),
            t("notice.filterKind"),
            t("notice.household"),
            t("notice.monthsInArrears"),
            t("notice.total"),
            t("notice.issuedOn"),
          ]}
        >
          {rows.map((n) => (
            <tr key={n.id} data-testid={`notice-row-${n.id}`}>
              <td className="whitespace-nowrap font-mono">
                <Link href={`/staff/crm/notices/${n.id}`} className="text-brand-700 hover:underline">
                  {localNoticeNumber(n.number, t("numberPrefix"))}
                </Link>
              </td>
              <td className="whitespace-nowrap">{t(`kind.${n.kind}`)}</td>
              <td data-user-text>
                {n.householdName}
                <div className="text-xs text-slate-500">
                  {[n.communityName, n.buildingName, n.unitNumber].filter(Boolean).join(" ")}
                </div>
              </td>
              <td className="tabular-nums">{n.snapshot.monthsInArrears}</td>
              <td className="whitespace-nowrap tabular-nums">{formatFen(n.snapshot.totalFen, locale)}</td>
              <td className="whitespace-nowrap tabular-nums">{n.issuedOn}</td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
