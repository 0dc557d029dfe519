import { getTranslations } from "next-intl/server";
import { NOTICE_SECTIONS, PrivacyDocument } from "@/components/privacy/document";
import { getSessionUser } from "@/app/_lib/session";
import { PRIVACY_NOTICE_VERSION } from "@/lib/privacy/rules";

export async function generateMetadata() {
  return { title: (await getTranslations("privacy.notice"))("title") };
}

/** The residents' privacy notice, current version; public (linked from registration and the portal). */
export default async function PrivacyNoticePage() {
  const user = await getSessionUser();
  const t = await getTranslations("privacy.notice");
  return (
    <PrivacyDocument
      doc="notice"
      version={PRIVACY_NOTICE_VERSION}
      sections={NOTICE_SECTIONS}
      values={{ company: user?.companyName ?? t("handlerGeneric") }}
    />
  );
}
