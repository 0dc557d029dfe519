import { staffShellData } from "@/app/request-cache";
import { StaffShell } from "@/components/shell/staff-shell";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireUser } from "@/app/_lib/session";
import { switchLocale } from "@/app/actions";

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser(STAFF_ROLES);
  const { items, badges, unread } = await staffShellData(user);
  return (
    <StaffShell switchLocale={switchLocale} user={user} items={items} badges={badges} unread={unread}>
      {children}
    </StaffShell>
  );
}
