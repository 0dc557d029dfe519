import Link from "next/link";
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
import { staffActivities } from "@/lib/portal/activities-staff";
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
  const [rows, names] = await Promise.all([
    staffActivities(db, user.companyId, ids),
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
            <Table head={[t("titleField"), t("community"), t("startsAt"), t("signups"), t("waiting"), t("attended")]}>
              {rows.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link
                      href={`/staff/portal/activities/${a.id}`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      <span data-user-text>{a.title}</span>
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
            <Select
              id="a-community"
              name="communityId"
              label={t("community")}
              options={names.map((c) => ({ value: c.id, label: c.name }))}
            />
            {FIELDS.map(([name, label, type]) => (
              <Input
                key={name}
                id={`a-${name}`}
                name={name}
                type={type}
                min={type === "number" ? 1 : undefined}
                label={t(label)}
              />
            ))}
            <TextArea id="a-description" name="description" label={t("description")} rows={4} />
            <button type="submit" className={buttonClass}>
              {t("submit")}
            </button>
          </ActionForm>
        )}
      </Card>
    </div>
  );
}
