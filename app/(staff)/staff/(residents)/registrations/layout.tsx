import { requireUser } from "@/app/_lib/session";
import { APPROVER_ROLES } from "@/lib/residents/rules";

/** Only staff who decide registrations; checked outside any loading boundary so a refusal is a real 403. */
export default async function RegistrationsLayout({ children }: { children: React.ReactNode }) {
  await requireUser(APPROVER_ROLES);
  return children;
}
