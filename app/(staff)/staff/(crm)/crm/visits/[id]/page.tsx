import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { withUserText } from "@/components/ui/user-text";
import { StatusBadge } from "@/components/tickets/order-bits";
import { Card, PageHeader } from "@/components/ui/card";
import { RecordVisitForm } from "@/components/crm/visits/record-visit-form";
import { requireUser } from "@/app/_lib/session";
import { FOLLOW_UP_TYPES } from "@/lib/crm/visits/schemas";
import { VISIT_REPORT_ROLES } from "@/lib/crm/visits/access";
import { getVisit } from "@/lib/crm/visits/record";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import { recordVisitAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("visits.visit"))("record") };
}

/** One label and value of the visit's facts. */
const dl = (label: string, value: React.ReactNode) => (
  <div>
    <dt className="text-xs text-slate-500">{label}</dt>
    <dd className="text-sm text-slate-900">{value}</dd>
  </div>
);

/** One visit: its household and order, and the record form (once the order is accepted) or the record. */
export default async function VisitPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(VISIT_REPORT_ROLES);
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const found = await getVisit(getDb(), user.companyId, user, id);
  if (!found) notFound();
  const t = await getTranslations("visits.visit");
  const tt = await getTranslations("tickets");
  const v = found.visit;
  const canRecord = !v.visitedAt && (found.orderStatus === "accepted" || found.orderStatus === "in_progress");
  const typeLabels = Object.fromEntries(FOLLOW_UP_TYPES.map((k) => [k, tt(`type.${k}`)]));
  return (
    <div className="max-w-2xl space-y-4">
      <PageHeader title={withUserText((household) => t("title", { household }), found.householdName)} />
      <Card>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          {dl(
            t("household"),
            <>
              <span data-user-text>{found.householdName}</span> · {found.householdCode}
            </>,
          )}
          {dl(t("butler"), <span data-user-text>{found.butlerName ?? "—"}</span>)}
          {dl(t("quarter"), v.quarter)}
          {dl(t("sampledMonth"), v.sampledMonth)}
          {dl(
            t("orderStatus"),
            <span className="inline-flex items-center gap-2">
              <Link href={`/staff/orders/${v.workOrderId}`} className="text-brand-700 hover:underline">
                {t("order", { id: v.workOrderId ?? 0 })}
              </Link>
              {found.orderStatus ? <StatusBadge status={found.orderStatus} /> : null}
            </span>,
          )}
        </dl>
      </Card>
      {v.visitedAt ? (
        <RecordedVisit visit={v} visitedAt={v.visitedAt} timeZone={user.timeZone} />
      ) : canRecord ? (
        <Card title={t("record")}>
          <RecordVisitForm recordVisitAction={recordVisitAction} visitId={v.id} typeLabels={typeLabels} />
        </Card>
      ) : (
        <Card title={t("record")}>
          <p className="text-sm text-slate-600">{t("acceptHint")}</p>
        </Card>
      )}
    </div>
  );
}

/** A recorded visit: when, the satisfaction, the notes and issues, the follow-up order. */
async function RecordedVisit({
  visit: v,
  visitedAt,
  timeZone,
}: {
  visit: NonNullable<Awaited<ReturnType<typeof getVisit>>>["visit"];
  visitedAt: Date;
  timeZone: string;
}) {
  const t = await getTranslations("visits.visit");
  const locale = (await getLocale()) as Locale;
  return (
    <Card title={t("recorded")}>
      <dl className="grid gap-3">
        {dl(t("visitedAt"), formatDateTime(visitedAt, locale, timeZone))}
        {dl(t("satisfaction"), `${v.satisfaction} / 5`)}
        {dl(
          t("notes"),
          <span className="whitespace-pre-wrap" data-user-text>
            {v.notes}
          </span>,
        )}
        {v.issues
          ? dl(
              t("issues"),
              <span className="whitespace-pre-wrap" data-user-text>
                {v.issues}
              </span>,
            )
          : null}
        {v.followUpOrderId
          ? dl(
              "",
              <Link href={`/staff/orders/${v.followUpOrderId}`} className="text-brand-700 hover:underline">
                {t("followUp", { id: v.followUpOrderId })}
              </Link>,
            )
          : null}
      </dl>
    </Card>
  );
}
