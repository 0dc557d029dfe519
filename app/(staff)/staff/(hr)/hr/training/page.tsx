import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { createCourseAction } from "./actions";
import { Input, Select, Submit } from "@/components/hr/form-bits";
import { ActionForm } from "@/components/tickets/action-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { HR_MANAGE_ROLES } from "@/lib/hr/access";
import { listCommunityOptions } from "@/lib/registry/directory";
import { formatHours, listCourses } from "@/lib/hr/training";
import { localParts } from "@/lib/time/zone";

export async function generateMetadata() {
  return { title: (await getTranslations("hr.training"))("title") };
}

/** Training courses (HR, admin): create one, see enrolment and completion counts. */
export default async function TrainingPage() {
  const user = await requireUser(HR_MANAGE_ROLES);
  const t = await getTranslations("hr.training");
  const db = getDb();
  const [courses, communities] = await Promise.all([
    listCourses(db, user.companyId),
    listCommunityOptions(db, user.companyId),
  ]);
  const today = localParts(new Date(), user.timeZone).date;
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} subtitle={t("subtitle", { count: courses.length })} />
      <Card title={t("create")}>
        <ActionForm
          action={createCourseAction}
          redirectTo="/staff/hr/training/{id}"
          className="grid gap-3 sm:grid-cols-3"
          testId="course-form"
        >
          <Input name="title" label={t("courseTitle")} className="sm:col-span-2" />
          <Input name="date" label={t("date")} type="date" defaultValue={today} />
          <Input name="hours" label={t("hours")} inputMode="decimal" placeholder="1.5" />
          <Input name="trainer" label={t("trainer")} />
          <Input name="capacity" label={t("capacity")} inputMode="numeric" placeholder={t("optional")} />
          <Select
            name="communityId"
            label={t("community")}
            options={[
              { value: "", label: t("allCommunities") },
              ...communities.map((c) => ({ value: c.id, label: c.name })),
            ]}
          />
          <div className="flex items-end sm:col-span-2">
            <Submit>{t("createButton")}</Submit>
          </div>
        </ActionForm>
      </Card>
      <Card>
        {courses.length === 0 ? (
          <EmptyState>{t("none")}</EmptyState>
        ) : (
          <Table
            head={[
              t("date"),
              t("courseTitle"),
              t("hours"),
              t("trainer"),
              t("community"),
              t("enrolled"),
              t("completed"),
            ]}
          >
            {courses.map((c) => (
              <tr key={c.id}>
                <td className="whitespace-nowrap tabular-nums">{c.date}</td>
                <td>
                  <Link href={`/staff/hr/training/${c.id}`} className="font-medium text-brand-700 hover:underline">
                    <span data-user-text>{c.title}</span>
                  </Link>
                </td>
                <td className="tabular-nums">{formatHours(c.hoursTenths)}</td>
                <td>{c.trainer}</td>
                <td>{c.communityName ?? t("allCommunities")}</td>
                <td className="tabular-nums">{c.capacity ? `${c.enrolled} / ${c.capacity}` : c.enrolled}</td>
                <td className="tabular-nums">{c.completed}</td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}
