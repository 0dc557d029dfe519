import { getTranslations } from "next-intl/server";
import { ProfilePanel } from "@/components/auth/profile-panel";
import { PageHeader } from "@/components/ui/card";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireUser } from "@/app/_lib/session";
import { changePasswordAction, signOutEverywhereAction, switchLocale } from "@/app/actions";

export async function generateMetadata() {
  return { title: (await getTranslations("profile"))("title") };
}

export default async function StaffProfile() {
  const user = await requireUser(STAFF_ROLES);
  const t = await getTranslations("profile");
  return (
    <div className="max-w-xl">
      <PageHeader title={t("title")} />
      <ProfilePanel
        switchLocale={switchLocale}
        changePasswordAction={changePasswordAction}
        signOutEverywhereAction={signOutEverywhereAction}
        name={user.name}
        phone={user.phone}
        email={user.email}
      />
    </div>
  );
}
