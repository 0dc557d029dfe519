import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import {
  Assignees,
  buttonClass,
  inputClass,
  labelClass,
  Photos,
  secondaryButtonClass,
  Timeline,
} from "@/components/tickets/order-bits";
import { OrderDetailHeader, OrderFact } from "@/components/tickets/order-header";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import { parseId } from "@/app/_lib/registry-guards";
import { loadOrderScope } from "@/lib/tickets/access";
import { getOrderDetail } from "@/lib/tickets/queries";
import { cancelRequestAction, confirmRequestAction, reopenRequestAction } from "../actions";

type Detail = NonNullable<Awaited<ReturnType<typeof getOrderDetail>>>;
type Order = Detail["order"];

export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(["resident"]);
  const id = parseId((await params).id);
  const t = await getTranslations("tickets");
  const locale = (await getLocale()) as Locale;
  const db = getDb();
  const scope = await loadOrderScope(db, user.companyId, { id: user.id, roles: ["resident"] });
  const d = await getOrderDetail(db, user.companyId, scope, id);
  if (!d) notFound();
  const o = d.order;
  return (
    <div className="space-y-4">
      <Link href="/requests" className="text-sm text-brand-700">
        ← {t("resident.back")}
      </Link>
      <RequestSummary d={d} locale={locale} timeZone={user.timeZone} />
      <Card title={t("common.assignees")}>
        <Assignees assignees={d.assignees} timeZone={user.timeZone} />
      </Card>
      <Card title={t("common.photos")}>
        <Photos attachments={d.attachments} />
      </Card>
      {o.status === "resolved" ? <ConfirmCard order={o} /> : null}
      {["resolved", "confirmed", "closed"].includes(o.status) && d.assignees.length ? <ReopenCard order={o} /> : null}
      {["submitted", "triaged", "assigned"].includes(o.status) ? <CancelCard order={o} /> : null}
      <Card title={t("common.timeline")}>
        <Timeline events={d.events} timeZone={user.timeZone} />
      </Card>
    </div>
  );
}

async function RequestSummary({ d, locale, timeZone }: { d: Detail; locale: Locale; timeZone: string }) {
  const t = await getTranslations("tickets");
  const o = d.order;
  return (
    <Card>
      <OrderDetailHeader order={o} size="compact" />
      <p data-user-text className="mt-2 whitespace-pre-wrap text-sm text-slate-800">
        {o.description}
      </p>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-500">{t("common.unit")}</dt>
        <dd data-user-text>
          {[d.communityName, d.buildingCode && `${d.buildingCode}-${d.unitNumber}`].filter(Boolean).join(" ") || "—"}
        </dd>
        <dt className="text-slate-500">{t("common.createdAt")}</dt>
        <dd>{formatDateTime(o.createdAt, locale, timeZone)}</dd>
        {o.repairCategory ? (
          <OrderFact label={t("common.category")}>{t(`category.${o.repairCategory}`)}</OrderFact>
        ) : null}
        {o.rating ? (
          <OrderFact label={t("common.rating")} className="text-amber-600" testId="rating">
            {"★".repeat(o.rating)}
            {o.ratingComment ? <span className="ml-2 text-slate-700">{o.ratingComment}</span> : null}
          </OrderFact>
        ) : null}
      </dl>
    </Card>
  );
}

async function ConfirmCard({ order: o }: { order: Order }) {
  const t = await getTranslations("tickets");
  return (
    <>
      <Card title={t("resident.confirmTitle")}>
        {o.resolutionNote ? <p className="mb-3 text-sm text-slate-700">{o.resolutionNote}</p> : null}
        <ActionForm action={confirmRequestAction} className="space-y-3" testId="confirm-form">
          <input type="hidden" name="id" value={o.id} />
          <fieldset>
            <legend className={labelClass}>{t("common.rating")}</legend>
            <div className="flex gap-2">
              {[1, 2, 3, 4, 5].map((n) => (
                <label key={n} className="flex items-center gap-1 rounded-md px-2 py-1 text-sm ring-1 ring-slate-300">
                  <input type="radio" name="rating" value={n} defaultChecked={n === 5} className="accent-brand-600" />
                  {n}★
                </label>
              ))}
            </div>
            <FieldError name="rating" />
          </fieldset>
          <div>
            <label htmlFor="comment" className={labelClass}>
              {t("resident.comment")}
            </label>
            <textarea id="comment" name="comment" rows={2} maxLength={1000} className={inputClass} />
          </div>
          <button type="submit" className={`${buttonClass} w-full`}>
            {t("resident.confirm")}
          </button>
        </ActionForm>
      </Card>
    </>
  );
}

async function ReopenCard({ order: o }: { order: Order }) {
  const t = await getTranslations("tickets");
  return (
    <Card title={t("resident.reopenTitle")}>
      <ActionForm action={reopenRequestAction} className="space-y-3" testId="reopen-form">
        <input type="hidden" name="id" value={o.id} />
        <div>
          <label htmlFor="reason" className={labelClass}>
            {t("resident.reopenReason")}
          </label>
          <textarea id="reason" name="reason" rows={2} maxLength={500} className={inputClass} />
          <FieldError name="reason" />
        </div>
        <button type="submit" className={`${secondaryButtonClass} w-full`}>
          {t("resident.reopen")}
        </button>
      </ActionForm>
    </Card>
  );
}

async function CancelCard({ order: o }: { order: Order }) {
  const t = await getTranslations("tickets");
  return (
    <Card title={t("resident.cancelTitle")}>
      <ActionForm action={cancelRequestAction} className="space-y-3" testId="cancel-form">
        <input type="hidden" name="id" value={o.id} />
        <div>
          <label htmlFor="cancel-reason" className={labelClass}>
            {t("common.reason")}
          </label>
          <input id="cancel-reason" name="reason" maxLength={500} className={inputClass} />
          <FieldError name="reason" />
        </div>
        <button type="submit" className={`${secondaryButtonClass} w-full`}>
          {t("resident.cancel")}
        </button>
      </ActionForm>
    </Card>
  );
}
