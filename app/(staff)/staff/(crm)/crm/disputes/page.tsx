import Link from "next/link";
import { noticeNumberText } from "@/components/crm/arrears/notice-number";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { DISPUTE_STAFF_ROLES } from "@/lib/crm/disputes/access";
import { listDisputes } from "@/lib/crm/disputes/queries";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";

export async function generateMetadata() {
  return { title: (await getTranslations("arrears.disputes"))("staffTitle") };
}

/** Residents' disputes of the households the viewer may see: open ones (default) or all. */
export default async function DisputesPage({ searchParams }: { searchParams: Promise<{ all?: string }> }) {
  const user = await requireUser(DISPUTE_STAFF_ROLES);
  const all = (await searchParams).all === "1";
  const t = await getTranslations("arrears.disputes");
  const num = await noticeNumberText();
  const locale = (await getLocale()) as Locale;
  const rows = await listDisputes(
    getDb(),
    user.companyId,
    { userId: user.id, roles: user.roles },
    all ? {} : { status: "open" },
  );
  const tab = (on: boolean) =>
    `rounded-md px-3 py-1.5 text-sm ring-1 ${on ? "bg-brand-50 ring-brand-300" : "bg-white ring-slate-200"}`;
  return (
    <div className="space-y-4">
      <PageHeader title={t("staffTitle")} subtitle={t("staffSubtitle")} />
      <nav className="flex gap-2">
        <Link href="/staff/crm/disputes" className={tab(!all)} aria-current={!all ? "page" : undefined}>
          {t("openOnly")}
        </Link>
        <Link href="/staff/crm/disputes?all=1" className={tab(all)} aria-current={all ? "page" : undefined}>
          {t("all")}
        </Link>
      </nav>
      <Card>
        {rows.length === 0 ? (
          <EmptyState>{t("empty")}</EmptyState>
        ) : (
          <Table head={["#", t("household"), t("about"), t("filedAt"), t("statusLabel")]}>
            {rows.map((d) => (
              <tr key={d.id} data-testid={`dispute-row-${d.id}`}>
                <td className="tabular-nums">
                  <Link href={`/staff/crm/disputes/${d.id}`} className="font-medium text-brand-700 hover:underline">
                    {d.id}
                  </Link>
                </td>
                <td>
                  <Link href={`/staff/crm/households/${d.householdId}`} className="hover:underline" data-user-text>
                    {d.householdName}
                  </Link>
                </td>
                <td>
                  {d.subject === "notice"
                    ? t("aboutNotice", { number: num(d.noticeNumber ?? "") })
                    : t("aboutBill", { period: d.billPeriod ?? "" })}
                </td>
                <td className="tabular-nums">{formatDateTime(d.createdAt, locale, user.timeZone)}</td>
                <td>{t(`status.${d.status}`)}</td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}
