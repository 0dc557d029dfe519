import { getTranslations } from "next-intl/server";
import { ProfilePanel } from "@/components/profile/profile-panel";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { requireUser } from "@/lib/auth/session";

export async function generateMetadata() {
  return { title: (await getTranslations("profile"))("title") };
}

export default async function ResidentMe() {
  const user = await requireUser(["resident"]);
  const t = await getTranslations("profile");
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-lg font-semibold">{t("title")}</h1>
        <SignOutButton />
      </div>
      <ProfilePanel name={user.name} phone={user.phone} email={user.email} />
    </div>
  );
}
