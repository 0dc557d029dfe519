import { getTranslations } from "next-intl/server";
import { Suspense, type ReactNode } from "react";
import { PageHeader } from "@/components/ui/card";
import { SectionSkeleton } from "@/components/ui/page-skeleton";
import { CrmSection } from "./_workbench/crm-section";
import { AttendanceSection, DecisionsSection, LegalSection } from "./_workbench/desk-section";
import { CashSection, CollectionSection } from "./_workbench/money-section";
import { OrdersSection } from "./_workbench/orders-section";
import { RegistrySection } from "./_workbench/registry-section";
import { TeamSection } from "./_workbench/team-section";
import { TechnicianSection } from "./_workbench/technician-section";
import { FieldBoardSection, FieldSection } from "./_workbench/field-section";
import { QualitySection } from "./_workbench/quality-section";
import { STAFF_ROLES, type Role } from "@/lib/auth/roles";
import { requireUser, type SessionUser } from "@/app/_lib/session";
import { APPROVER_ROLES } from "@/lib/residents/rules";
import { acceptAction, startAction } from "./(tickets)/orders/actions";

/** The role whose workspace a person with several roles lands in: the most senior first. */
const SENIORITY: Role[] = [
  "admin",
  "project_manager",
  "supervisor",
  "finance",
  "hr",
  "legal",
  "front_desk",
  "butler",
  "technician",
  "guard",
  "cleaner",
];

type Section = { key: string; rows?: number; node: ReactNode };

/**
 * The workbench per role (issue 16 §1): for each of the person's roles, what they must do today and
 * how the part of the company they answer for is doing; every figure links to the list behind it.
 * The header paints at once; each section streams in behind its own <Suspense>.
 */
function sectionsFor(user: SessionUser): Section[] {
  const has = (r: Role) => user.roles.includes(r);
  const out: Section[] = [];
  const add = (key: string, node: ReactNode, rows = 2) => {
    if (!out.some((s) => s.key === key)) out.push({ key, node, rows });
  };
  if (has("technician") && !has("butler"))
    add("tech", <TechnicianSection user={user} accept={acceptAction} start={startAction} />, 5);
  if (has("guard")) add("patrol", <FieldSection user={user} kind="patrol" />, 2);
  if (has("cleaner")) add("cleaning", <FieldSection user={user} kind="cleaning" />, 2);
  if (has("supervisor")) add("team", <TeamSection user={user} />, 4);
  if (has("admin") || has("project_manager") || has("supervisor"))
    add("field-board", <FieldBoardSection user={user} />, 2);
  if (has("supervisor") || has("project_manager")) add("quality", <QualitySection user={user} />, 2);
  if (has("admin") || has("project_manager") || has("supervisor") || has("front_desk"))
    add("orders", <OrdersSection user={user} mine={false} />);
  if (has("butler")) add("my-orders", <OrdersSection user={user} mine />);
  if (has("admin")) add("money", <CollectionSection user={user} />);
  if (has("butler")) add("my-crm", <CrmSection user={user} butler />, 4);
  else if (has("admin") || has("project_manager") || has("supervisor"))
    add("crm", <CrmSection user={user} butler={false} />, 4);
  if (has("finance")) add("cash", <CashSection user={user} />);
  if (has("hr") || has("admin")) add("attendance", <AttendanceSection user={user} />);
  if (has("legal")) add("legal", <LegalSection user={user} />);
  const approvals = ["admin", "project_manager", "supervisor", "finance"].some((r) => has(r as Role));
  const registrations = user.roles.some((r) => (APPROVER_ROLES as readonly Role[]).includes(r));
  if (approvals || registrations)
    add("decisions", <DecisionsSection user={user} approvals={approvals} registrations={registrations} />, 1);
  if (has("admin")) add("registry", <RegistrySection user={user} />, 1);
  return out;
}

export default async function StaffHome() {
  const user = await requireUser(STAFF_ROLES);
  const t = await getTranslations();
  const primary = SENIORITY.find((r) => user.roles.includes(r)) ?? "butler";
  return (
    <div className="space-y-4">
      <PageHeader
        title={t(`roleHome.${primary}`)}
        subtitle={t.rich("staff.welcome", {
          name: user.name,
          user: (chunks) => <span data-user-text>{chunks}</span>,
        })}
      />
      {sectionsFor(user).map((s) => (
        <Suspense key={s.key} fallback={<SectionSkeleton rows={s.rows} />}>
          {s.node}
        </Suspense>
      ))}
    </div>
  );
}
