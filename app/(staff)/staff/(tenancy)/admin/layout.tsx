import { requireUser } from "@/app/_lib/session";

/**
 * Every admin page is for admins only. The check sits in the layout, outside any loading
 * boundary, so a refused visitor gets a real 403 status (a check inside a streamed page
 * would come after the 200 had been sent).
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireUser(["admin"]);
  return children;
}
