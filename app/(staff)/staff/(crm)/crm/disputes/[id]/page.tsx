import Link from "next/link";
import { noticeNumberText } from "@/components/crm/arrears/notice-number";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { DisputeList } from "@/components/crm/disputes/dispute-list";
import { Input, Select, TextArea } from "@/components/forms/action-fields";
import { ActionForm } from "@/components/tickets/action-form";
import { Card, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { DISPUTE_STAFF_ROLES } from "@/lib/crm/disputes/access";
import { disputePhotoIds, staffDispute } from "@/lib/crm/disputes/queries";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { resolveDisputeAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("arrears.disputes"))("staffTitle") };
}

/** One dispute the viewer may see (else 404), with the resolve form while it is open. */
export default async function DisputePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(DISPUTE_STAFF_ROLES);
  const { id } = await params;
  if (!/^\d{1,12}$/.test(id)) notFound();
  const db = getDb();
  const d = await staffDispute(db, user.companyId, { userId: user.id, roles: user.roles }, Number(id));
  if (!d) notFound();
  const photos = await disputePhotoIds(db, user.companyId, [d.id]);
  const t = await getTranslations("arrears.disputes");
  const num = await noticeNumberText();
  return (
    <div className="space-y-4">
      <PageHeader title={`${t("staffTitle")} #${d.id}`} subtitle={d.status === "open" ? t("paused") : undefined} />
      <DisputeList rows={[d]} photos={photos} locale={(await getLocale()) as Locale} timeZone={user.timeZone} />
      <div className="flex flex-wrap gap-4 text-sm">
        <Link href={`/staff/crm/households/${d.householdId}`} className="text-brand-700 hover:underline" data-user-text>
          {d.householdName}
        </Link>
        {d.noticeId ? (
          <Link href={`/staff/crm/notices/${d.noticeId}`} className="text-brand-700 hover:underline">
            {t("aboutNotice", { number: num(d.noticeNumber ?? "") })}
          </Link>
        ) : null}
      </div>
      {d.status === "open" ? (
        <Card title={t("resolveTitle")}>
          <ActionForm action={resolveDisputeAction} className="space-y-3" testId="resolve-dispute">
            <input type="hidden" name="id" value={d.id} />
            <Select
              name="outcome"
              label={t("outcome")}
              options={[
                { value: "rejected", label: t("reject") },
                { value: "upheld", label: t("uphold") },
              ]}
            />
            <TextArea name="reason" label={t("resolveReason")} />
            {d.subject === "bill" ? <Input name="discount" label={t("discount")} inputMode="decimal" /> : null}
            <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">
              {t("resolve")}
            </button>
          </ActionForm>
        </Card>
      ) : null}
    </div>
  );
}
