import { notFound } from "next/navigation";
import { noticeNumberText } from "@/components/crm/arrears/notice-number";
import { getTranslations } from "next-intl/server";
import { Labeled, TextArea } from "@/components/forms/action-fields";
import { ActionForm } from "@/components/tickets/action-form";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { residentBill } from "@/lib/crm/disputes/queries";
import { residentNotice } from "@/lib/crm/notices/queries";
import { getDb } from "@/lib/db";
import { fileDisputeAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("arrears.disputes"))("newTitle") };
}

/** Dispute a notice (?notice=ID) or a bill (?bill=ID) of one of the resident's own households; anything else is a 404. */
export default async function NewDisputePage({
  searchParams,
}: {
  searchParams: Promise<{ notice?: string; bill?: string }>;
}) {
  const user = await requireUser(["resident"]);
  const sp = await searchParams;
  const t = await getTranslations("arrears.disputes");
  const num = await noticeNumberText();
  const db = getDb();
  let target: { subject: "notice" | "bill"; id: number; label: string } | null = null;
  if (sp.notice && /^\d{1,12}$/.test(sp.notice)) {
    const n = await residentNotice(db, user.companyId, user.id, Number(sp.notice));
    if (n) target = { subject: "notice", id: n.id, label: t("aboutNotice", { number: num(n.number) }) };
  } else if (sp.bill && /^\d{1,12}$/.test(sp.bill)) {
    const b = await residentBill(db, user.companyId, user.id, Number(sp.bill));
    if (b) target = { subject: "bill", id: b.id, label: t("aboutBill", { period: b.period }) };
  }
  if (!target) notFound();
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">{t("newTitle")}</h1>
      <Card title={target.label}>
        <p className="mb-3 text-sm text-slate-600">{t("pauseHint")}</p>
        <ActionForm action={fileDisputeAction} redirectTo="/disputes" className="space-y-3" testId="dispute-form">
          <input type="hidden" name="subject" value={target.subject} />
          <input type="hidden" name="targetId" value={target.id} />
          <TextArea name="reason" label={t("reason")} rows={5} />
          <p className="text-xs text-slate-500">{t("reasonHint")}</p>
          <Labeled id="photos" name="photos" label={t("photos")}>
            <input
              id="photos"
              name="photos"
              type="file"
              multiple
              accept="image/jpeg,image/png,image/webp,image/gif"
              className="block w-full text-sm"
            />
            <p className="mt-1 text-xs text-slate-500">{t("photosHint")}</p>
          </Labeled>
          <button
            type="submit"
            className="w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white sm:w-auto"
          >
            {t("submit")}
          </button>
        </ActionForm>
      </Card>
    </div>
  );
}
