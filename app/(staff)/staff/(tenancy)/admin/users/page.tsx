import { getTranslations } from "next-intl/server";
import { CreateStaffForm } from "@/components/tenancy/create-staff-form";
import { EditRoles } from "@/components/tenancy/edit-roles";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import type { StaffRole } from "@/lib/auth/roles";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { listStaff } from "@/lib/tenancy/queries";
import { createStaffAction, setStaffRolesAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("admin"))("staffTitle") };
}

export default async function StaffUsersPage() {
  const user = await requireUser(["admin"]);
  const t = await getTranslations();
  const staff = await listStaff(getDb(), user.companyId);
  return (
    <div className="space-y-4">
      <PageHeader title={t("admin.staffTitle")} subtitle={t("admin.staffSubtitle")} />
      <Card title={t("admin.addStaff")}>
        <CreateStaffForm createStaffAction={createStaffAction} />
      </Card>
      <Card>
        {staff.length === 0 ? (
          <EmptyState>{t("admin.emptyStaff")}</EmptyState>
        ) : (
          <Table head={[t("admin.name"), t("admin.phone"), t("auth.email"), t("admin.roles"), t("admin.status"), ""]}>
            {staff.map((s) => {
              const staffRoles = s.roles.filter((r): r is StaffRole => r !== "resident");
              return (
                <tr key={s.id}>
                  <td className="font-medium">{s.name}</td>
                  <td className="tabular-nums">{s.phone ?? "—"}</td>
                  <td>{s.email ?? "—"}</td>
                  <td>
                    <div className="flex flex-wrap gap-1">
                      {staffRoles.map((r) => (
                        <span key={r} className="rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-700">
                          {t(`roles.${r}`)}
                        </span>
                      ))}
                    </div>
                  </td>
                  <td>{s.active ? t("admin.active") : t("admin.inactive")}</td>
                  <td>
                    <EditRoles setStaffRolesAction={setStaffRolesAction} userId={s.id} roles={staffRoles} />
                  </td>
                </tr>
              );
            })}
          </Table>
        )}
      </Card>
    </div>
  );
}
