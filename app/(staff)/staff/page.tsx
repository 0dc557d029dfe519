import { getFormatter, getTranslations } from "next-intl/server";
import { Card, PageHeader, Stat } from "@/components/ui/card";
import { STAFF_ROLES, type StaffRole } from "@/lib/auth/roles";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { butlerSummary, registryCounts } from "@/lib/registry/queries";
import { countMembersByRole } from "@/lib/tenancy/queries";

/** The role whose workspace a person with several roles lands in: the most senior first. */
const SENIORITY: StaffRole[] = [
  "admin",
  "project_manager",
  "supervisor",
  "finance",
  "hr",
  "legal",
  "front_desk",
  "butler",
  "technician",
];

export default async function StaffHome() {
  const user = await requireUser(STAFF_ROLES);
  const t = await getTranslations();
  const format = await getFormatter();
  const n = (value: number) => format.number(value);
  const db = getDb();
  const primary = SENIORITY.find((r) => user.roles.includes(r)) ?? "butler";
  const [counts, team, mine] = await Promise.all([
    registryCounts(db, user.companyId),
    user.roles.includes("admin") ? countMembersByRole(db, user.companyId) : null,
    user.roles.includes("butler") ? butlerSummary(db, user.companyId, user.id) : null,
  ]);
  return (
    <div className="space-y-4">
      <PageHeader title={t(`roleHome.${primary}`)} subtitle={t("staff.welcome", { name: user.name })} />
      <Card title={t("staff.registry")}>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          <Stat label={t("staff.communities")} value={n(counts.communities)} />
          <Stat label={t("staff.buildings")} value={n(counts.buildings)} />
          <Stat label={t("staff.units")} value={n(counts.units)} />
          <Stat label={t("staff.households")} value={n(counts.households)} />
          <Stat label={t("staff.residents")} value={n(counts.residents)} />
        </div>
      </Card>
      {mine ? (
        <Card title={t("roles.butler")}>
          <div className="grid grid-cols-2 gap-3 sm:max-w-md">
            <Stat label={t("staff.myBuildings")} value={n(mine.buildings)} />
            <Stat label={t("staff.myHouseholds")} value={n(mine.households)} />
          </div>
        </Card>
      ) : null}
      {team ? (
        <Card title={t("staff.teamByRole")}>
          <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
            {STAFF_ROLES.map((r) => (
              <Stat key={r} label={t(`roles.${r}`)} value={n(team[r] ?? 0)} />
            ))}
          </div>
        </Card>
      ) : null}
    </div>
  );
}
