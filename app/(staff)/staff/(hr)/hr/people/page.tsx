import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CreateStaffRecordForm } from "@/components/hr/staff-record-form";
import { StaffStatusBadge } from "@/components/hr/status-badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { HR_MANAGE_ROLES } from "@/lib/hr/access";
import { listStaffRecords, listStaffWithoutRecord } from "@/lib/hr/queries";
import { listCommunityOptions } from "@/lib/registry/directory";
import { nextEmployeeNo } from "@/lib/hr/rules";
import { createStaffRecordAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("hr"))("peopleTitle") };
}

export default async function StaffRecordsPage() {
  const user = await requireUser(HR_MANAGE_ROLES);
  const t = await getTranslations("hr");
  const tr = await getTranslations("roles");
  const sep = (await getTranslations("common"))("listSeparator");
  const db = getDb();
  const [records, people, communities] = await Promise.all([
    listStaffRecords(db, user.companyId),
    listStaffWithoutRecord(db, user.companyId),
    listCommunityOptions(db, user.companyId),
  ]);
  return (
    <div className="space-y-4">
      <PageHeader title={t("peopleTitle")} subtitle={t("peopleSubtitle", { count: records.length })} />
      {people.length > 0 ? (
        <Card title={t("createRecord")}>
          <CreateStaffRecordForm
            createStaffRecordAction={createStaffRecordAction}
            people={people}
            communities={communities}
            suggestedNo={nextEmployeeNo(records.map((r) => r.employeeNo))}
          />
        </Card>
      ) : null}
      <Card>
        {records.length === 0 ? (
          <EmptyState>{t("noRecords")}</EmptyState>
        ) : (
          <Table
            head={[
              t("employeeNo"),
              t("name"),
              t("roles"),
              t("position"),
              t("community"),
              t("hireDate"),
              t("statusLabel"),
            ]}
          >
            {records.map((r) => (
              <tr key={r.id} className={r.status === "exited" ? "text-slate-400" : ""}>
                <td className="font-mono">{r.employeeNo}</td>
                <td>
                  <Link href={`/staff/hr/people/${r.id}`} className="font-medium text-brand-700 hover:underline">
                    {r.name}
                  </Link>
                </td>
                <td>{r.roles.map((role) => tr(role)).join(sep) || "—"}</td>
                <td>{r.position}</td>
                <td>{r.communityName ?? "—"}</td>
                <td className="tabular-nums whitespace-nowrap">{r.hireDate}</td>
                <td>
                  <StaffStatusBadge status={r.status} />
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}
