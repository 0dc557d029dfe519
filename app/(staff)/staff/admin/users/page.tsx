import { getTranslations } from "next-intl/server";
import { CreateStaffForm } from "@/components/admin/create-staff-form";
import { EditRoles } from "@/components/admin/edit-roles";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import type { StaffRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listStaff } from "@/lib/tenancy/queries";

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
        <CreateStaffForm />
      </Card>
      <Card>
        {staff.length === 0 ? (
          <EmptyState>{t("admin.emptyStaff")}</EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-xs text-slate-500">
                <tr>
                  <th className="py-2 pr-3 font-medium">{t("admin.name")}</th>
                  <th className="py-2 pr-3 font-medium">{t("admin.phone")}</th>
                  <th className="py-2 pr-3 font-medium">{t("auth.email")}</th>
                  <th className="py-2 pr-3 font-medium">{t("admin.roles")}</th>
                  <th className="py-2 pr-3 font-medium">{t("admin.status")}</th>
                  <th className="py-2" />
                </tr>
              </thead>
              <tbody>
                {staff.map((s) => {
                  const staffRoles = s.roles.filter((r): r is StaffRole => r !== "resident");
                  return (
                    <tr key={s.id} className="border-b border-slate-100 align-top last:border-0">
                      <td className="py-2 pr-3 font-medium">{s.name}</td>
                      <td className="py-2 pr-3 tabular-nums">{s.phone ?? "—"}</td>
                      <td className="py-2 pr-3">{s.email ?? "—"}</td>
                      <td className="py-2 pr-3">
                        <div className="flex flex-wrap gap-1">
                          {staffRoles.map((r) => (
                            <span key={r} className="rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-700">
                              {t(`roles.${r}`)}
                            </span>
                          ))}
                        </div>
                      </td>
                      <td className="py-2 pr-3">{s.active ? t("admin.active") : t("admin.inactive")}</td>
                      <td className="py-2">
                        <EditRoles userId={s.id} roles={staffRoles} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
