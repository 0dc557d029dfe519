import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ProfilePanel } from "@/components/auth/profile-panel";
import { AddHouseholdForm } from "@/components/residents/add-household-form";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { changePasswordAction, signOutEverywhereAction, switchLocale } from "@/app/actions";
import { requestHouseholdAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("profile"))("title") };
}

export default async function ResidentMe() {
  const user = await requireUser(["resident"]);
  const t = await getTranslations();
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-lg font-semibold">{t("profile.title")}</h1>
        <SignOutButton />
      </div>
      <Link
        href="/me/data"
        className="block rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
        data-testid="my-data-entry"
      >
        <span className="block text-sm font-medium text-brand-700">{t("privacy.myData.link")} →</span>
        <span className="block text-xs text-slate-500">{t("privacy.myData.linkHint")}</span>
      </Link>
      <Link
        href="/me/notifications"
        className="block rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
        data-testid="notification-settings-entry"
      >
        <span className="block text-sm font-medium text-brand-700">{t("messaging.preferences.link")} →</span>
        <span className="block text-xs text-slate-500">{t("messaging.preferences.linkHint")}</span>
      </Link>
      <Link
        href="/surveys"
        className="block rounded-lg bg-white p-4 text-sm font-medium text-brand-700 shadow-sm ring-1 ring-slate-200"
        data-testid="surveys-entry"
      >
        {t("visits.resident.entry")} →
      </Link>
      <div id="add-household" className="scroll-mt-16">
        <Card title={t("residents.add.title")}>
          <AddHouseholdForm requestHouseholdAction={requestHouseholdAction} />
        </Card>
      </div>
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
