import { getTranslations } from "next-intl/server";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { BILLING_SETTINGS_ROLES, METER_REVIEW_ROLES } from "@/lib/billing/access";
import { centiToText } from "@/lib/billing/rules";
import { pendingSelfReadings, selfReadWindow } from "@/lib/billing/self-readings";
import { getDb } from "@/lib/db";
import { reviewReadingAction, selfReadWindowAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("billing.selfRead"))("reviewTitle") };
}

const INPUT = "mt-1 block min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

/** Residents' pending self-readings with their photos: approve (the month's reading) or reject with a reason. */
export default async function SelfReadingsReviewPage() {
  const user = await requireUser(METER_REVIEW_ROLES);
  const t = await getTranslations("billing.selfRead");
  const db = getDb();
  const [pending, window] = await Promise.all([
    pendingSelfReadings(db, user.companyId),
    selfReadWindow(db, user.companyId),
  ]);
  const mayConfigure = user.roles.some((r) => BILLING_SETTINGS_ROLES.includes(r));
  return (
    <div className="space-y-4">
      <PageHeader title={t("reviewTitle")} subtitle={t("reviewSubtitle")} />
      {mayConfigure ? <WindowForm window={window} label={t} /> : null}
      {pending.length === 0 ? <EmptyState>{t("nonePending")}</EmptyState> : null}
      <ul className="space-y-3" data-testid="self-read-pending">
        {pending.map((p) => (
          <li key={p.id} data-testid={`self-read-${p.id}`}>
            <PendingCard p={p} label={t} />
          </li>
        ))}
      </ul>
    </div>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<"billing.selfRead">>>;
type Pending = Awaited<ReturnType<typeof pendingSelfReadings>>[number];

function WindowForm({ window, label: t }: { window: { fromDay: number; toDay: number } | null; label: T }) {
  return (
    <Card title={t("windowTitle")}>
      <ActionForm action={selfReadWindowAction} className="grid grid-cols-2 gap-2" testId="self-read-window-form">
        <label className="text-sm">
          {t("fromDay")}
          <input name="fromDay" inputMode="numeric" defaultValue={window?.fromDay ?? ""} className={INPUT} />
        </label>
        <label className="text-sm">
          {t("toDay")}
          <input name="toDay" inputMode="numeric" defaultValue={window?.toDay ?? ""} className={INPUT} />
        </label>
        <div className="col-span-2">
          <FieldError name="fromDay" />
          <FieldError name="toDay" />
          <button type="submit" className="mt-1 min-h-11 rounded-md bg-brand-600 px-4 text-sm font-medium text-white">
            {t("saveWindow")}
          </button>
        </div>
      </ActionForm>
    </Card>
  );
}

function PendingCard({ p, label: t }: { p: Pending; label: T }) {
  return (
    <Card>
      <div className="flex gap-3">
        <a
          href={`/api/files/m${p.id}`}
          target="_blank"
          rel="noreferrer"
          className="flex size-20 shrink-0 items-center justify-center rounded bg-slate-100 text-center text-xs text-brand-700 ring-1 ring-slate-200"
        >
          {t("photoLink")}
        </a>
        <div className="min-w-0 text-sm">
          <p className="font-medium" data-user-text>
            {p.building} {p.unitNumber} · {p.item} · {p.period}
          </p>
          <p>
            {t("values", {
              reading: centiToText(p.readingCenti),
              previous: centiToText(p.previousCenti),
              used: centiToText(p.readingCenti - p.previousCenti),
            })}
          </p>
          <p className="text-slate-600" data-user-text>
            {p.resident}
          </p>
          {p.flag ? <p className="font-medium text-amber-700">{t(`flag.${p.flag}`)}</p> : null}
        </div>
      </div>
      <ActionForm action={reviewReadingAction} className="mt-3 space-y-2" testId={`self-read-review-${p.id}`}>
        <input type="hidden" name="readingId" value={p.id} />
        <label className="block text-sm">
          {t("reason")}
          <input name="reason" maxLength={200} className={INPUT} />
        </label>
        <FieldError name="reason" />
        <FieldError name="readingId" />
        <div className="flex gap-2">
          <button
            name="decision"
            value="approve"
            type="submit"
            className="min-h-11 flex-1 rounded-md bg-emerald-700 text-sm font-medium text-white"
          >
            {t("approve")}
          </button>
          <button
            name="decision"
            value="reject"
            type="submit"
            className="min-h-11 flex-1 rounded-md bg-white text-sm font-medium text-red-700 ring-1 ring-red-200"
          >
            {t("reject")}
          </button>
        </div>
      </ActionForm>
    </Card>
  );
}
