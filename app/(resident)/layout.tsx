import { redirect } from "next/navigation";
import { residentShellData } from "@/app/request-cache";
import { EmergencyBanner } from "./emergency-banner";
import { ResidentShell } from "@/components/shell/resident-shell";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { acceptedVersion } from "@/lib/privacy/consent";
import { needsConsent, PRIVACY_NOTICE_VERSION } from "@/lib/privacy/rules";
import { switchLocale } from "@/app/actions";

export default async function ResidentLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser(["resident"]);
  // PIPL: a resident who has not accepted the current privacy notice accepts it before anything else.
  if (needsConsent(await acceptedVersion(getDb(), user.companyId, user.id, "privacy_notice"), PRIVACY_NOTICE_VERSION))
    redirect("/privacy/consent");
  const { unread } = await residentShellData(user);
  return (
    <ResidentShell switchLocale={switchLocale} user={user} unread={unread}>
      <EmergencyBanner user={user} />
      {children}
    </ResidentShell>
  );
}
