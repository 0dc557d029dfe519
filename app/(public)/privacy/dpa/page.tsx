import { getTranslations } from "next-intl/server";
import { DPA_SECTIONS, PrivacyDocument } from "@/components/privacy/document";
import { DPA_VERSION } from "@/lib/privacy/rules";

export async function generateMetadata() {
  return { title: (await getTranslations("privacy.dpa"))("title") };
}

/** The data-processing agreement a company accepts at sign-up; public. */
export default function DpaPage() {
  return <PrivacyDocument doc="dpa" version={DPA_VERSION} sections={DPA_SECTIONS} />;
}
