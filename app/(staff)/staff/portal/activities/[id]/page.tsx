import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/tickets/action-form";
import { Card, EmptyState, PageHeader, Stat } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import { staffCommunityIds } from "@/lib/portal/access";
import { staffActivity } from "@/lib/portal/activities-staff";
import { ACTIVITY_ROLES } from "@/lib/portal/roles";
import { checkInAction } from "../../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("portal.staffActivities"))("title") };
}

/** One activity's participants, waiting list and check-in (staff of its community only). */
export default async function StaffActivityPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(ACTIVITY_ROLES);
  const raw = (await params).id;
  if (!/^\d{1,12}$/.test(raw)) notFound();
  const db = getDb();
  const ids = await staffCommunityIds(db, user.companyId, { userId: user.id, roles: user.roles });
  const found = await staffActivity(db, user.companyId, ids, Number(raw));
  if (!found) notFound();
  const { activity: a, signups } = found;
  const t = await getTranslations("portal.staffActivities");
  const locale = (await getLocale()) as Locale;
  const confirmed = Number(a.confirmed);
  const pct = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  return (
    <div className="space-y-4">
      <PageHeader
        title={a.title}
        subtitle={`${a.communityName} · ${a.place} · ${formatDateTime(a.startsAt, locale, user.timeZone)}`}
      />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label={t("signups")} value={`${confirmed} / ${a.capacity}`} />
        <Stat label={t("waiting")} value={Number(a.waiting)} />
        <Stat label={t("attended")} value={Number(a.checkedIn)} />
        <Stat label={t("attendance")} value={confirmed ? pct.format(Number(a.checkedIn) / confirmed) : "—"} />
      </div>
      <Card title={t("roster")}>
        {signups.length === 0 ? (
          <EmptyState>{t("nobody")}</EmptyState>
        ) : (
          <Table head={[t("name"), t("phone"), t("status"), t("checkIn")]}>
            {signups.map((s) => (
              <tr key={s.id}>
                <td>{s.name}</td>
                <td className="tabular-nums">{s.phone}</td>
                <td>{s.status === "confirmed" ? t("statusConfirmed") : t("statusWaiting")}</td>
                <td>
                  {s.checkedInAt ? (
                    <span className="text-green-800">{t("checkedIn")}</span>
                  ) : s.status === "confirmed" ? (
                    <ActionForm action={checkInAction}>
                      <input type="hidden" name="signupId" value={s.id} />
                      <button type="submit" className="rounded-md bg-brand-600 px-3 py-1 text-sm text-white">
                        {t("checkIn")}
                      </button>
                    </ActionForm>
                  ) : null}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
      <Link href="/staff/portal/activities" className="text-sm text-brand-700 hover:underline">
        {t("back")}
      </Link>
    </div>
  );
}
