import { StaffShell } from "@/components/shell/staff-shell";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireUser } from "@/app/_lib/session";
import { switchLocale } from "@/app/actions";

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser(STAFF_ROLES);
  return (
    <StaffShell switchLocale={switchLocale} user={user}>
      {children}
    </StaffShell>
  );
}
