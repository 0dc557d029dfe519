import { requireUser } from "@/app/_lib/session";
import { PRIVACY_REQUEST_ROLES } from "@/lib/privacy/access";

/** Privacy requests are for admins and front desk; checked here so a refusal is a real 403. */
export default async function PrivacyLayout({ children }: { children: React.ReactNode }) {
  await requireUser(PRIVACY_REQUEST_ROLES);
  return children;
}
