import { getLocale, getTranslations } from "next-intl/server";
import { DisputeList } from "@/components/crm/disputes/dispute-list";
import { EmptyState } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { disputePhotoIds, residentDisputes } from "@/lib/crm/disputes/queries";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";

export async function generateMetadata() {
  return { title: (await getTranslations("arrears.disputes"))("title") };
}

/** The resident's disputes (their approved households only), newest first, with staff's answer. */
export default async function ResidentDisputesPage() {
  const user = await requireUser(["resident"]);
  const t = await getTranslations("arrears.disputes");
  const db = getDb();
  const rows = await residentDisputes(db, user.companyId, user.id);
  const photos = await disputePhotoIds(
    db,
    user.companyId,
    rows.map((r) => r.id),
  );
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">{t("title")}</h1>
      {rows.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <DisputeList rows={rows} photos={photos} locale={(await getLocale()) as Locale} timeZone={user.timeZone} />
      )}
    </div>
  );
}
