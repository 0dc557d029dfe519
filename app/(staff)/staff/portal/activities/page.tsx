import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import { buttonClass, inputClass, labelClass } from "@/components/tickets/order-bits";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import { communityNames, staffCommunityIds } from "@/lib/portal/access";
import { staffActivities } from "@/lib/portal/activities";
import { ACTIVITY_ROLES } from "@/lib/portal/roles";
import { createActivityAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("portal.staffActivities"))("title") };
}

const FIELDS = [
  ["title", "titleField", "text"],
  ["place", "place", "text"],
  ["startsAt", "startsAt", "datetime-local"],
  ["endsAt", "endsAt", "datetime-local"],
  ["signupDeadline", "signupDeadline", "datetime-local"],
  ["capacity", "capacity", "number"],
] as const;

export default async function StaffActivitiesPage() {
  const user = await requireUser(ACTIVITY_ROLES);
  const t = await getTranslations("portal.staffActivities");
  const locale = (await getLocale()) as Locale;
  const db = getDb();
  const ids = await staffCommunityIds(db, user.companyId, { userId: user.id, roles: user.roles });
  const [rows, names] = await Promise.all([staffActivities(db, user.companyId, ids), communityNames(db, user.companyId, ids)]);
  return (
    <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
      <div className="space-y-4">
        <PageHeader title={t("title")} subtitle={t("subtitle")} />
        <Card>
          {rows.length === 0 ? (
            <EmptyState>{t("empty")}</EmptyState>
          ) : (
            <Table head={[t("titleField"), t("community"), t("startsAt"), t("signups"), t("waiting"), t("attended")]}>
              {rows.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link href={`/staff/portal/activities/${a.id}`} className="font-medium text-brand-700 hover:underline">
                      {a.title}
                    </Link>
                  </td>
                  <td>{a.communityName}</td>
                  <td className="whitespace-nowrap">{formatDateTime(a.startsAt, locale, user.timeZone)}</td>
                  <td className="tabular-nums">
                    {Number(a.confirmed)} / {a.capacity}
                  </td>
                  <td className="tabular-nums">{Number(a.waiting)}</td>
                  <td className="tabular-nums">{Number(a.checkedIn)}</td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
      </div>
      <Card title={t("new")}>
        {names.length === 0 ? (
          <EmptyState>{t("empty")}</EmptyState>
        ) : (
          <ActionForm action={createActivityAction} className="space-y-3" testId="activity-form">
            <div>
              <label htmlFor="a-community" className={labelClass}>
                {t("community")}
              </label>
              <select id="a-community" name="communityId" className={inputClass}>
                {names.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
              <FieldError name="communityId" />
            </div>
            {FIELDS.map(([name, label, type]) => (
              <div key={name}>
                <label htmlFor={`a-${name}`} className={labelClass}>
                  {t(label)}
                </label>
                <input id={`a-${name}`} name={name} type={type} min={type === "number" ? 1 : undefined} className={inputClass} />
                <FieldError name={name} />
              </div>
            ))}
            <div>
              <label htmlFor="a-description" className={labelClass}>
                {t("description")}
              </label>
              <textarea id="a-description" name="description" rows={4} className={inputClass} />
              <FieldError name="description" />
            </div>
            <button type="submit" className={buttonClass}>
              {t("submit")}
            </button>
          </ActionForm>
        )}
      </Card>
    </div>
  );
}
