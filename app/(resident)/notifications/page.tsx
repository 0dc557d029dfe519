import { getTranslations } from "next-intl/server";
import { ResidentInbox } from "./resident-inbox";
import { requireUser } from "@/app/_lib/session";
import { markAllReadAction, markReadAction } from "@/app/(staff)/staff/(tickets)/notifications/actions";

export async function generateMetadata() {
  return { title: (await getTranslations("tickets.notifications"))("title") };
}

export default async function ResidentNotificationsPage() {
  const user = await requireUser(["resident"]);
  const t = await getTranslations("tickets.notifications");
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">{t("title")}</h1>
      <ResidentInbox markReadAction={markReadAction} markAllReadAction={markAllReadAction} user={user} />
    </div>
  );
}
