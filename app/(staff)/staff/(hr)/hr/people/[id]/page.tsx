import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ChangeForm } from "@/components/hr/change-form";
import { ChangeHistory } from "@/components/hr/change-history";
import { RecordDetails } from "@/components/hr/record-details";
import { ShiftForm } from "@/components/hr/shift-form";
import { EditStaffRecordForm } from "@/components/hr/staff-record-form";
import { Card, PageHeader } from "@/components/ui/card";
import { requireUser, type SessionUser } from "@/app/_lib/session";
import { getDb, type Db } from "@/lib/db";
import { HR_MANAGE_ROLES } from "@/lib/hr/access";
import { shiftsOf } from "@/lib/hr/attendance-queries";
import { listPersonnelChanges, successorsFor } from "@/lib/hr/changes";
import { getStaffRecord } from "@/lib/hr/queries";
import { listCommunityOptions } from "@/lib/registry/directory";
import { formatMinute } from "@/lib/hr/rules";
import { TrainingRecord } from "@/components/hr/training-record";
import { trainingHours, trainingRecord } from "@/lib/hr/training";
import { localParts } from "@/lib/time/zone";
import { assessmentsOf } from "@/lib/hr/assessment-queries";
import { parseId } from "@/app/_lib/registry-guards";
import { recordPersonnelChangeAction } from "../change-actions";
import { setShiftAction } from "../../attendance/actions";
import { updateStaffRecordAction } from "../actions";

type StaffRecord = NonNullable<Awaited<ReturnType<typeof getStaffRecord>>>;

/** Everything the record page shows beside the record itself, read in two parallel rounds. */
async function loadRecordPage(db: Db, user: SessionUser, record: StaffRecord) {
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
  return { communities, shiftOf, changes, successors, today, year, training, hours, reviews };
}

/** The edit form's starting values, taken from the record. */
function recordValues(record: StaffRecord) {
  return {
    employeeNo: record.employeeNo,
    name: record.name,
    phone: record.phone,
    email: record.email,
    communityId: record.communityId,
    position: record.position,
    hireDate: record.hireDate,
    status: record.status,
  };
}

/** The person's assessments, each linking to its review, or a note that there are none. */
async function PersonReviews({ reviews }: { reviews: Awaited<ReturnType<typeof assessmentsOf>> }) {
  const ta = await getTranslations("hr.assessments");
  if (reviews.length === 0) return <p className="text-sm text-slate-500">{ta("noneForPerson")}</p>;
  return (
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
  );
}

export default async function StaffRecordPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(HR_MANAGE_ROLES);
  const id = parseId((await params).id);
  const db = getDb();
  const record = await getStaffRecord(db, user.companyId, id);
  if (!record) notFound();
  const t = await getTranslations("hr");
  const { communities, shiftOf, changes, successors, today, year, training, hours, reviews } = await loadRecordPage(
    db,
    user,
    record,
  );
  const ta = await getTranslations("hr.assessments");
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
        <Card title={t("editRecord")}>
          <EditStaffRecordForm
            updateStaffRecordAction={updateStaffRecordAction}
            id={record.id}
            communities={communities}
            values={recordValues(record)}
          />
        </Card>
        <div className="space-y-4">
          <Card title={t("recordTitle")}>
            <RecordDetails record={record} />
          </Card>
          <Card title={ts("personTitle")}>
            <p className="mb-3 text-xs text-slate-500">{ts("personHint")}</p>
            <ShiftForm
              setShiftAction={setShiftAction}
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
            <ChangeForm
              recordPersonnelChangeAction={recordPersonnelChangeAction}
              userId={record.userId}
              communities={communities}
              defaultDate={today}
              successors={successors}
            />
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
        <Card title={ta("title")}>
          <PersonReviews reviews={reviews} />
        </Card>
      </div>
    </div>
  );
}
