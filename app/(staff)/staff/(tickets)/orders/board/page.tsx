import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { listPeopleWithRole } from "@/lib/tenancy/queries";
import { supervisorTeam, teamBoard } from "@/lib/tickets/queries";

export async function generateMetadata() {
  return { title: (await getTranslations("tickets.staff"))("board") };
}

/** A supervisor sees their butlers; admins and project managers every butler and technician. */
export default async function BoardPage() {
  const user = await requireUser(["admin", "supervisor", "project_manager"]);
  const t = await getTranslations("tickets");
  const db = getDb();
  const wide = user.roles.includes("admin") || user.roles.includes("project_manager");
  const team = wide
    ? [
        ...(await listPeopleWithRole(db, user.companyId, "butler")),
        ...(await listPeopleWithRole(db, user.companyId, "technician")),
      ]
    : await supervisorTeam(db, user.companyId, user.id);
  const rows = await teamBoard(db, user.companyId, team);
  return (
    <div className="max-w-4xl space-y-4">
      <PageHeader title={t("staff.board")} subtitle={wide ? t("staff.allStaff") : t("staff.boardSubtitle")} />
      <Card>
        {rows.length === 0 ? (
          <EmptyState>{t("staff.noTeam")}</EmptyState>
        ) : (
          <Table head={[t("staff.member"), t("staff.openCount"), t("staff.waitingCount"), t("staff.overdueCount")]}>
            {rows.map((m) => (
              <tr key={m.id} className={m.overdue ? "bg-red-50" : ""}>
                <td className="font-medium">{m.name}</td>
                <td className="tabular-nums">{m.open}</td>
                <td className="tabular-nums">{m.waiting}</td>
                <td className={`tabular-nums ${m.overdue ? "font-semibold text-red-700" : ""}`}>{m.overdue}</td>
              </tr>
            ))}
          </Table>
        )}
        <p className="mt-3 text-sm">
          <Link href="/staff/orders?tab=scope&overdue=1" className="text-brand-700 hover:underline">
            {t("staff.overdueOnly")} →
          </Link>
        </p>
      </Card>
    </div>
  );
}
