import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { NOTICE_SECTIONS, PrivacyDocument } from "@/components/privacy/document";
import { ActionForm } from "@/components/tickets/action-form";
import { Button } from "@/components/ui/button";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { acceptedVersion } from "@/lib/privacy/consent";
import { needsConsent, PRIVACY_NOTICE_VERSION } from "@/lib/privacy/rules";
import { acceptNoticeAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("privacy.notice"))("consentTitle") };
}

/** Where the resident portal sends a resident who has not accepted the current privacy notice. */
export default async function ConsentPage() {
  const user = await requireUser(["resident"]);
  if (!needsConsent(await acceptedVersion(getDb(), user.companyId, user.id, "privacy_notice"), PRIVACY_NOTICE_VERSION))
    redirect("/home");
  const t = await getTranslations("privacy.notice");
  return (
    <div className="space-y-5">
      <p role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
        <strong className="block">{t("consentTitle")}</strong>
        {t("consentIntro")}
      </p>
      <PrivacyDocument
        doc="notice"
        version={PRIVACY_NOTICE_VERSION}
        sections={NOTICE_SECTIONS}
        values={{ company: user.companyName }}
      />
      <ActionForm action={acceptNoticeAction} redirectTo="/home">
        <input type="hidden" name="version" value={PRIVACY_NOTICE_VERSION} />
        <Button type="submit" className="w-full py-3 text-base">
          {t("continue")}
        </Button>
      </ActionForm>
    </div>
  );
}
