import { getTranslations } from "next-intl/server";
import { Inbox } from "./inbox";
import { isInboxGroup } from "@/components/tickets/inbox-groups";
import { PageHeader } from "@/components/ui/card";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireUser } from "@/app/_lib/session";
import { markAllReadAction, markReadAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("tickets.notifications"))("title") };
}

export default async function StaffNotificationsPage({ searchParams }: { searchParams: Promise<{ group?: string }> }) {
  const user = await requireUser(STAFF_ROLES);
  const { group } = await searchParams;
  const t = await getTranslations("tickets.notifications");
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader title={t("title")} />
      <Inbox
        markReadAction={markReadAction}
        markAllReadAction={markAllReadAction}
        user={user}
        resident={false}
        group={isInboxGroup(group) ? group : undefined}
      />
    </div>
  );
}
