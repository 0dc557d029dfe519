import { getTranslations } from "next-intl/server";
import { ChangeHistory } from "@/components/hr/change-history";
import { RecordDetails } from "@/components/hr/record-details";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { listPersonnelChanges } from "@/lib/hr/changes";
import { getOwnStaffRecord } from "@/lib/hr/queries";
import { TrainingRecord } from "@/components/hr/training-record";
import { trainingHours, trainingRecord } from "@/lib/hr/training";
import { localParts } from "@/lib/time/zone";

export async function generateMetadata() {
  return { title: (await getTranslations("hr"))("myRecordTitle") };
}

/** Every staff member sees their own record; the query is keyed by the session's user id. */
export default async function MyRecordPage() {
  const user = await requireUser(STAFF_ROLES);
  const t = await getTranslations("hr");
  const db = getDb();
  const year = Number(localParts(new Date(), user.timeZone).date.slice(0, 4));
  const [record, changes, training, hours] = await Promise.all([
    getOwnStaffRecord(db, user.companyId, user.id),
    listPersonnelChanges(db, user.companyId, user.id),
    trainingRecord(db, user.companyId, user.id),
    trainingHours(db, user.companyId, year, user.id),
  ]);
  const tc = await getTranslations("hr.changes");
  return (
    <div className="max-w-xl space-y-4">
      <PageHeader title={t("myRecordTitle")} />
      <Card>{record ? <RecordDetails record={record} /> : <EmptyState>{t("noOwnRecord")}</EmptyState>}</Card>
      {record ? (
        <Card title={tc("historyTitle")}>
          <ChangeHistory changes={changes} />
        </Card>
      ) : null}
      {record ? (
        <Card title={t("training.myTitle")}>
          <TrainingRecord rows={training} hoursThisYear={hours.get(user.id) ?? 0} year={year} />
        </Card>
      ) : null}
    </div>
  );
}
