import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/tickets/action-form";
import { Input, Select, TextArea } from "@/components/forms/action-fields";
import { buttonClass } from "@/components/tickets/order-bits";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import { communityNames, staffCommunityIds } from "@/lib/portal/access";
import { staffNotices } from "@/lib/portal/notices";
import { NOTICE_ROLES } from "@/lib/portal/roles";
import { createNoticeAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("portal.staffNotices"))("title") };
}

/** Announcements of the viewer's communities with their read rate, and the form to write one. */
export default async function StaffNoticesPage() {
  const user = await requireUser(NOTICE_ROLES);
  const t = await getTranslations("portal.staffNotices");
  const locale = (await getLocale()) as Locale;
  const db = getDb();
  const ids = await staffCommunityIds(db, user.companyId, { userId: user.id, roles: user.roles });
  const [rows, names] = await Promise.all([
    staffNotices(db, user.companyId, ids),
    communityNames(db, user.companyId, ids),
  ]);
  return (
    <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
      <div className="space-y-4">
        <PageHeader title={t("title")} subtitle={t("subtitle")} />
        <Card>
          {rows.length === 0 ? (
            <EmptyState>{t("empty")}</EmptyState>
          ) : (
            <NoticeRows rows={rows} locale={locale} timeZone={user.timeZone} />
          )}
        </Card>
      </div>
      <Card title={t("new")}>
        {names.length === 0 ? (
          <EmptyState>{t("noCommunities")}</EmptyState>
        ) : (
          <ActionForm action={createNoticeAction} className="space-y-3" testId="notice-form">
            <Select
              id="n-community"
              name="communityId"
              label={t("community")}
              options={names.map((c) => ({ value: c.id, label: c.name }))}
            />
            <Input id="n-title" name="title" label={t("titleField")} maxLength={120} />
            <TextArea id="n-body" name="body" label={t("body")} rows={6} />
            <Input id="n-publish" name="publishAt" type="datetime-local" label={t("publishAt")} />
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="pinned" className="accent-brand-600" />
              {t("pinned")}
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="emergency" className="accent-brand-600" />
              {t("emergency")}
            </label>
            <button type="submit" className={buttonClass}>
              {t("submit")}
            </button>
          </ActionForm>
        )}
      </Card>
    </div>
  );
}

async function NoticeRows({
  rows,
  locale,
  timeZone,
}: {
  rows: Awaited<ReturnType<typeof staffNotices>>;
  locale: Locale;
  timeZone: string;
}) {
  const t = await getTranslations("portal.staffNotices");
  const tn = await getTranslations("portal.notices");
  const now = new Date();
  const pct = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  return (
    <Table head={[t("titleField"), t("community"), t("publishAtColumn"), t("readRate")]}>
      {rows.map((n) => (
        <tr key={n.id} data-testid={`notice-row-${n.id}`}>
          <td>
            {n.emergency ? (
              <span className="mr-1 rounded bg-red-700 px-1 text-xs text-white">{tn("emergency")}</span>
            ) : null}
            {n.pinned ? (
              <span className="mr-1 rounded bg-amber-100 px-1 text-xs text-amber-900">{tn("pinned")}</span>
            ) : null}
            <span data-user-text>{n.title}</span>
          </td>
          <td>{n.communityName}</td>
          <td className="whitespace-nowrap">
            {formatDateTime(n.publishAt, locale, timeZone)}
            <div className="text-xs text-slate-600">{n.publishAt > now ? t("scheduled") : t("published")}</div>
          </td>
          <td className="whitespace-nowrap tabular-nums">
            {n.readRate === null
              ? t("noResidents")
              : t("readRateValue", {
                  readers: n.readers,
                  residents: n.residents,
                  rate: pct.format(n.readRate),
                })}
          </td>
        </tr>
      ))}
    </Table>
  );
}
