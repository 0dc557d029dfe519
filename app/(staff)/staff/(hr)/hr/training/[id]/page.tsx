import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { attendAction, completeAction, enrolAction } from "../actions";
import { Input, Select, smallButtonClass, Submit } from "@/components/hr/form-bits";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { HR_MANAGE_ROLES } from "@/lib/hr/access";
import { listStaffRecords } from "@/lib/hr/queries";
import { formatHours, getCourse } from "@/lib/hr/training";
import { parseId } from "@/app/_lib/registry-guards";

type Course = NonNullable<Awaited<ReturnType<typeof getCourse>>>;

/** One course: enrol staff, mark attendance, complete with a score (HR, admin). */
export default async function CoursePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(HR_MANAGE_ROLES);
  const id = parseId((await params).id);
  const db = getDb();
  const course = await getCourse(db, user.companyId, id);
  if (!course) notFound();
  const t = await getTranslations("hr.training");
  const staff = await listStaffRecords(db, user.companyId);
  const enrolled = new Set(course.enrolments.map((e) => e.userId));
  const candidates = staff.filter((s) => s.status !== "exited" && !enrolled.has(s.userId));
  return (
    <div className="space-y-4">
      <nav className="text-sm text-slate-500">
        <Link href="/staff/hr/training" className="hover:underline">
          {t("title")}
        </Link>{" "}
        / <span data-user-text>{course.title}</span>
      </nav>
      <PageHeader
        title={course.title}
        subtitle={`${course.date} · ${t("hoursShort", { hours: formatHours(course.hoursTenths) })} · ${course.trainer} · ${course.communityName ?? t("allCommunities")}${course.capacity ? ` · ${t("capacityOf", { n: course.enrolments.length, capacity: course.capacity })}` : ""}`}
      />
      <Card title={t("enrol")}>
        <ActionForm action={enrolAction} className="flex flex-wrap items-end gap-3" testId="enrol-form">
          <input type="hidden" name="courseId" value={course.id} />
          <Select
            name="userId"
            label={t("person")}
            options={[
              { value: "", label: t("choosePerson") },
              ...candidates.map((s) => ({ value: s.userId, label: `${s.employeeNo} ${s.name}` })),
            ]}
            className="min-w-60"
          />
          <Submit>{t("enrolButton")}</Submit>
        </ActionForm>
      </Card>
      <EnrolmentsCard course={course} />
    </div>
  );
}

async function EnrolmentsCard({ course }: { course: Course }) {
  const t = await getTranslations("hr.training");
  return (
    <Card title={t("enrolments", { count: course.enrolments.length })}>
      {course.enrolments.length === 0 ? (
        <EmptyState>{t("noEnrolments")}</EmptyState>
      ) : (
        <Table head={[t("employeeNo"), t("person"), t("attendance"), t("completion")]}>
          {course.enrolments.map((e) => (
            <tr key={e.id} data-testid={`enrolment-${e.userId}`}>
              <td className="font-mono">{e.employeeNo}</td>
              <td>{e.name}</td>
              <td>
                {e.attendedAt ? (
                  <span className="text-sky-700">{t("state.attended")}</span>
                ) : (
                  <ActionForm action={attendAction}>
                    <input type="hidden" name="enrolmentId" value={e.id} />
                    <button type="submit" className={smallButtonClass}>
                      {t("markAttended")}
                    </button>
                    <FieldError name="enrolmentId" />
                  </ActionForm>
                )}
              </td>
              <td>
                {e.completedAt ? (
                  <span className="text-emerald-700">{t("completedWith", { score: e.score ?? 0 })}</span>
                ) : (
                  <ActionForm action={completeAction} className="flex items-start gap-2">
                    <input type="hidden" name="enrolmentId" value={e.id} />
                    <Input name="score" id={`score-${e.id}`} label={t("score")} inputMode="numeric" className="w-24" />
                    <button type="submit" className={`${smallButtonClass} mt-6`}>
                      {t("complete")}
                    </button>
                  </ActionForm>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
