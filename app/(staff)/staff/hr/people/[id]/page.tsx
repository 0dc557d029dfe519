import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ChangeForm } from "@/components/hr/change-form";
import { ChangeHistory } from "@/components/hr/change-history";
import { RecordDetails } from "@/components/hr/record-details";
import { ShiftForm } from "@/components/hr/shift-form";
import { EditStaffRecordForm } from "@/components/hr/staff-record-form";
import { Card, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { HR_MANAGE_ROLES } from "@/lib/hr/access";
import { shiftsOf } from "@/lib/hr/attendance";
import { listPersonnelChanges, successorsFor } from "@/lib/hr/changes";
import { getStaffRecord, listCommunityOptions } from "@/lib/hr/queries";
import { formatMinute, localParts } from "@/lib/hr/rules";
import { parseId } from "@/lib/registry/page-guards";
import { TrainingRecord } from "@/components/hr/training-record";
import { trainingHours, trainingRecord } from "@/lib/hr/training";
import { assessmentsOf } from "@/lib/hr/assessments";

export default async function StaffRecordPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(HR_MANAGE_ROLES);
  const id = parseId((await params).id);
  const db = getDb();
  const record = await getStaffRecord(db, user.companyId, id);
  if (!record) notFound();
  const t = await getTranslations("hr");
  const [communities, shiftOf, changes, successors] = await Promise.all([
    listCommunityOptions(db, user.companyId),
    shiftsOf(db, user.companyId, [record.userId]),
    listPersonnelChanges(db, user.companyId, record.userId),
    successorsFor(db, user.companyId, record.userId, record.communityId),
  ]);
  const today = localParts(new Date(), user.timeZone).date;
  const year = Number(today.slice(0, 4));
  const [training, hours, reviews] = await Promise.all([
    trainingRecord(db, user.companyId, record.userId),
    trainingHours(db, user.companyId, year, record.userId),
    assessmentsOf(db, user.companyId, record.userId),
  ]);
  const shift = shiftOf(record.userId);
  const ts = await getTranslations("hr.shift");
  const tc = await getTranslations("hr.changes");
  return (
    <div className="space-y-4">
      <nav className="text-sm text-slate-500">
        <Link href="/staff/hr/people" className="hover:underline">
          {t("peopleTitle")}
        </Link>{" "}
        / {record.name}
      </nav>
      <PageHeader title={record.name} subtitle={`${record.employeeNo} · ${record.position}`} />
      <div className="grid gap-4 lg:grid-cols-2">
        <EditRecordCard record={record} communities={communities} />
        <div className="space-y-4">
          <Card title={t("recordTitle")}>
            <RecordDetails record={record} />
          </Card>
          <Card title={ts("personTitle")}>
            <p className="mb-3 text-xs text-slate-500">{ts("personHint")}</p>
            <ShiftForm
              userId={record.userId}
              start={formatMinute(shift.startMinute)}
              end={formatMinute(shift.endMinute)}
            />
          </Card>
        </div>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        {record.status !== "exited" ? (
          <Card title={tc("record")}>
            <ChangeForm userId={record.userId} communities={communities} defaultDate={today} successors={successors} />
          </Card>
        ) : null}
        <Card title={tc("historyTitle")}>
          <ChangeHistory changes={changes} />
        </Card>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={t("training.recordTitle")}>
          <TrainingRecord rows={training} hoursThisYear={hours.get(record.userId) ?? 0} year={year} />
        </Card>
        <ReviewsCard reviews={reviews} />
      </div>
    </div>
  );
}

async function ReviewsCard({ reviews }: { reviews: Awaited<ReturnType<typeof assessmentsOf>> }) {
  const ta = await getTranslations("hr.assessments");
  return (
    <Card title={ta("title")}>
      {reviews.length === 0 ? (
        <p className="text-sm text-slate-500">{ta("noneForPerson")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="person-reviews">
          {reviews.map((r) => (
            <li key={r.id} className="flex justify-between gap-3 py-2">
              <Link href={`/staff/hr/assessments/${r.id}`} className="font-medium text-brand-700 hover:underline">
                {r.period}
              </Link>
              <span className="tabular-nums text-slate-700">
                {ta(`statuses.${r.status}`)} · {r.overall} · {r.grade}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

async function EditRecordCard({
  record,
  communities,
}: {
  record: NonNullable<Awaited<ReturnType<typeof getStaffRecord>>>;
  communities: Awaited<ReturnType<typeof listCommunityOptions>>;
}) {
  const t = await getTranslations("hr");
  return (
    <Card title={t("editRecord")}>
      <EditStaffRecordForm
        id={record.id}
        communities={communities}
        values={{
          employeeNo: record.employeeNo,
          name: record.name,
          phone: record.phone,
          email: record.email,
          communityId: record.communityId,
          position: record.position,
          hireDate: record.hireDate,
          status: record.status,
        }}
      />
    </Card>
  );
}
