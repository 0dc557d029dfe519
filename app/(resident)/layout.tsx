import { EmergencyBanner } from "@/components/portal/emergency-banner";
import { ResidentShell } from "@/components/shell/resident-shell";
import { requireUser } from "@/lib/auth/session";

export default async function ResidentLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser(["resident"]);
  return (
    <ResidentShell roles={user.roles}>
      <EmergencyBanner user={user} />
      {children}
    </ResidentShell>
  );
}
