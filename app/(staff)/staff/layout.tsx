import { staffShellData } from "@/app/request-cache";
import { StaffShell } from "@/components/shell/staff-shell";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser(STAFF_ROLES);
  const { items, badges, unread } = await staffShellData(user);
  return (
    <StaffShell user={user} items={items} badges={badges} unread={unread}>
      {children}
    </StaffShell>
  );
}
