import Link from "next/link";
import { orderTextMarked } from "@/components/ui/system-text";
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
import { TriageFields } from "@/components/tickets/triage-fields";
import { OrderDetailHeader, OrderFact } from "@/components/tickets/order-header";
import { StickyOrderAction, type NextStep } from "@/components/tickets/sticky-action";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { publishedRules } from "@/lib/crm/ledger/read";
import { householdBadges } from "@/lib/crm/gold/badges";
import { BandBadge } from "@/components/crm/band-badge";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { VisitOrderLink } from "@/components/crm/visits/visit-order-link";
import { visitOfOrder } from "@/lib/crm/visits/record";
import { formatDateTime } from "@/lib/i18n/format";
import { parseId } from "@/app/_lib/registry-guards";
import { loadOrderScope, ORDER_STAFF_ROLES, TRIAGE_ROLES } from "@/lib/tickets/access";
import { MANAGE_ROLES } from "@/lib/tickets/commands";
import { listArticles } from "@/lib/tickets/catalog-queries";
import { getOrderDetail } from "@/lib/tickets/queries";
import { isOpen } from "@/lib/tickets/rules";
import {
  acceptAction,
  cancelAction,
  closeAction,
  commentAction,
  redispatchAction,
  reopenAction,
  resolveAction,
  startAction,
  triageAction,
} from "../actions";
import { localDate } from "@/lib/time/zone";

type Detail = NonNullable<Awaited<ReturnType<typeof getOrderDetail>>>;
type Order = Detail["order"];
type Sentiment = NonNullable<ReturnType<Awaited<ReturnType<typeof householdBadges>>["get"]>>;
type Dt = (v: Date | null) => string;

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(ORDER_STAFF_ROLES);
  const id = parseId((await params).id);
  const locale = (await getLocale()) as Locale;
  const db = getDb();
  const scope = await loadOrderScope(db, user.companyId, user);
  const d = await getOrderDetail(db, user.companyId, scope, id);
  if (!d) notFound();
  const o = d.order;
  const articles = await listArticles(db, user.companyId, { type: o.type });
  const visit = o.type === "visit" ? await visitOfOrder(db, user.companyId, o.id) : null;
  const mine = d.assignees.find((a) => a.userId === user.id);
  const manager = user.roles.some((r) => MANAGE_ROLES.includes(r));
  const canWork = !!mine || manager;
  const dt = (v: Date | null) => (v ? formatDateTime(v, locale, user.timeZone) : "—");
  const sentiment = o.householdId
    ? (await householdBadges(db, user.companyId, [o.householdId], localDate(new Date(), user.timeZone))).get(
        o.householdId,
      )
    : undefined;
  const triageRanges =
    o.type === "complaint" && o.status === "submitted" && user.roles.some((r) => TRIAGE_ROLES.includes(r))
      ? (await publishedRules(db, user.companyId)).complaints
      : null;
  const step = nextStep(o, mine, canWork, visit);
  return (
    <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
      <div className="space-y-4">
        <OrderSummary d={d} sentiment={sentiment} dt={dt} />
        {triageRanges ? <TriageCard order={o} ranges={triageRanges} /> : null}
        {o.checklist ? <ChecklistCard checklist={o.checklist} /> : null}
        {visit ? <VisitOrderLink visit={visit} /> : null}
        {canWork && !visit && (o.status === "accepted" || o.status === "in_progress") ? (
          <div id="resolve" className="scroll-mt-4">
            <ResolveCard order={o} />
          </div>
        ) : null}
        <PhotosCard d={d} />
        <CommentsCard d={d} dt={dt} />
      </div>

      <div className="space-y-4">
        <AssigneesCard d={d} mine={mine} manager={manager} canWork={canWork} timeZone={user.timeZone} />
        {manager && isOpen(o.status) ? <ReasonCard order={o} action={cancelAction} label="staff.cancelOrder" /> : null}
        {manager && ["resolved", "confirmed", "closed"].includes(o.status) && d.assignees.length ? (
          <ReasonCard order={o} action={reopenAction} label="staff.reopen" />
        ) : null}
        <ArticlesAndTimeline d={d} articles={articles} timeZone={user.timeZone} />
      </div>
      {step ? <StickyOrderAction orderId={o.id} step={step} /> : null}
    </div>
  );
}

/** The one thing to do next on a phone (components/tickets/sticky-action.tsx), or null. */
function nextStep(
  o: Order,
  mine: Detail["assignees"][number] | undefined,
  canWork: boolean,
  visit: { id: number; visitedAt: Date | null } | null,
): NextStep | null {
  if (mine && !mine.acceptedAt && o.status === "assigned") return { kind: "accept", action: acceptAction };
  if (!canWork) return null;
  if (o.status === "accepted" && !visit) return { kind: "start", action: startAction };
  if (o.status !== "accepted" && o.status !== "in_progress") return null;
  return visit ? { kind: "visit", visitId: visit.id, recorded: !!visit.visitedAt } : { kind: "resolve" };
}

function Hidden({ order }: { order: Order }) {
  return <input type="hidden" name="id" value={order.id} />;
}

async function OrderSummary({ d, sentiment, dt }: { d: Detail; sentiment: Sentiment | undefined; dt: Dt }) {
  const t = await getTranslations("tickets");
  const o = d.order;
  const text = orderTextMarked(await getTranslations(), o);
  return (
    <Card>
      <OrderDetailHeader order={o} size="page" />
      {text.title ? (
        <p className="mt-1 font-medium" data-testid="order-title" {...(text.system ? {} : { "data-user-text": "" })}>
          {text.title}
        </p>
      ) : null}
      <p className="mt-2 whitespace-pre-wrap text-sm text-slate-800" {...(text.system ? {} : { "data-user-text": "" })}>
        {text.description}
      </p>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
        <dt className="text-slate-500">{t("common.household")}</dt>
        <dd data-user-text>
          {o.householdId ? (
            <Link href={`/staff/registry/households/${o.householdId}`} className="text-brand-700 hover:underline">
              {d.householdName}
            </Link>
          ) : (
            "—"
          )}
          {sentiment ? (
            <span className="ml-1">
              <BandBadge band={sentiment.band} score={sentiment.score} gold={sentiment.gold} compact />
            </span>
          ) : null}
          {d.buildingCode ? (
            <span className="ml-1 font-mono text-xs">{`${d.buildingCode}-${d.unitNumber}`}</span>
          ) : null}
        </dd>
        <dt className="text-slate-500">{t("common.community")}</dt>
        <dd data-user-text>{d.communityName ?? "—"}</dd>
        <dt className="text-slate-500">{t("common.source")}</dt>
        <dd>{t(`source.${o.source}`)}</dd>
        <dt className="text-slate-500">{t("common.severity")}</dt>
        <dd>{t(`severity.${o.severity}`)}</dd>
        <OrderOptionalFacts order={o} dt={dt} />
      </dl>
    </Card>
  );
}

async function OrderOptionalFacts({ order: o, dt }: { order: Order; dt: Dt }) {
  const t = await getTranslations("tickets");
  return (
    <>
      {o.repairCategory ? (
        <OrderFact label={t("common.category")}>{t(`category.${o.repairCategory}`)}</OrderFact>
      ) : null}
      {o.classification ? (
        <OrderFact label={t("common.classification")} testId="classification">
          {t(`classification.${o.classification}`)} · {o.points}
        </OrderFact>
      ) : null}
      {o.followUp ? <OrderFact label={t("common.followUp")}>{t(`followUp.${o.followUp}`)}</OrderFact> : null}
      <dt className="text-slate-500">{t("common.acceptDue")}</dt>
      <dd>{dt(o.acceptDueAt)}</dd>
      <dt className="text-slate-500">{t("common.resolveDue")}</dt>
      <dd>{dt(o.resolveDueAt)}</dd>
      {o.rating ? (
        <OrderFact label={t("common.rating")} className="text-amber-600">
          {"★".repeat(o.rating)} {o.ratingComment}
        </OrderFact>
      ) : null}
      {o.resolutionNote ? (
        <OrderFact label={o.type === "emergency" ? t("staff.closingReport") : t("staff.resolveNote")}>
          <span data-user-text>{o.resolutionNote}</span>
        </OrderFact>
      ) : null}
      {o.cancelReason ? <OrderFact label={t("common.cancelReason")}>{o.cancelReason}</OrderFact> : null}
    </>
  );
}

async function TriageCard({ order, ranges }: { order: Order; ranges: Parameters<typeof TriageFields>[0]["ranges"] }) {
  const t = await getTranslations("tickets");
  return (
    <Card title={t("staff.triageTitle")}>
      <ActionForm action={triageAction} className="space-y-3" testId="triage-form">
        <Hidden order={order} />
        <TriageFields ranges={ranges} />
        <button type="submit" className={buttonClass}>
          {t("staff.triageSubmit")}
        </button>
      </ActionForm>
    </Card>
  );
}

async function ChecklistCard({ checklist }: { checklist: NonNullable<Order["checklist"]> }) {
  const t = await getTranslations("tickets");
  return (
    <Card title={t("common.checklist")}>
      <ul className="space-y-1 text-sm">
        {checklist.map((c, i) => (
          <li key={i}>
            {c.done ? "☑" : "☐"} {c.item}
          </li>
        ))}
      </ul>
    </Card>
  );
}

async function ResolveCard({ order: o }: { order: Order }) {
  const t = await getTranslations("tickets");
  return (
    <Card title={o.type === "emergency" ? t("staff.closingReport") : t("staff.resolve")}>
      <ActionForm action={resolveAction} className="space-y-3" testId="resolve-form">
        <Hidden order={o} />
        {o.checklist ? (
          <fieldset className="space-y-1">
            <legend className={labelClass}>{t("common.checklist")}</legend>
            {o.checklist.map((c, i) => (
              <label key={i} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="checklistDone" value={i} className="accent-brand-600" />
                {c.item}
              </label>
            ))}
          </fieldset>
        ) : null}
        <div>
          <label htmlFor="note" className={labelClass}>
            {o.type === "emergency" ? t("staff.closingReport") : t("staff.resolveNote")}
          </label>
          <textarea id="note" name="note" rows={3} maxLength={2000} className={inputClass} />
          <FieldError name="note" />
        </div>
        <div>
          <label htmlFor="after-photos" className={labelClass}>
            {t("staff.afterPhotos")}
          </label>
          <input
            id="after-photos"
            name="photos"
            type="file"
            multiple
            accept="image/*"
            capture="environment"
            className="block w-full text-sm"
          />
          <p className="mt-1 text-xs text-slate-500">{t("common.photosHint")}</p>
          <FieldError name="photos" />
        </div>
        <button type="submit" className={buttonClass}>
          {t("staff.resolve")}
        </button>
      </ActionForm>
    </Card>
  );
}

async function PhotosCard({ d }: { d: Detail }) {
  const t = await getTranslations("tickets");
  return (
    <Card title={t("common.photos")}>
      <Photos attachments={d.attachments} />
    </Card>
  );
}

async function CommentsCard({ d, dt }: { d: Detail; dt: Dt }) {
  const t = await getTranslations("tickets");
  return (
    <Card title={t("common.comments")}>
      {d.comments.length === 0 ? (
        <p className="text-sm text-slate-500">{t("common.noComments")}</p>
      ) : (
        <ul className="mb-3 space-y-2 text-sm">
          {d.comments.map((c) => (
            <li key={c.id}>
              <span className="font-medium" data-user-text>
                {c.authorName}
              </span>{" "}
              <span className="text-xs text-slate-500">{dt(c.createdAt)}</span>
              <p className="whitespace-pre-wrap">{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      <ActionForm action={commentAction} className="space-y-2">
        <Hidden order={d.order} />
        <textarea name="body" rows={2} aria-label={t("common.addComment")} maxLength={2000} className={inputClass} />
        <FieldError name="body" />
        <button type="submit" className={secondaryButtonClass}>
          {t("common.addComment")}
        </button>
      </ActionForm>
    </Card>
  );
}

async function AssigneesCard({
  d,
  mine,
  manager,
  canWork,
  timeZone,
}: {
  d: Detail;
  mine: Detail["assignees"][number] | undefined;
  manager: boolean;
  canWork: boolean;
  timeZone: string;
}) {
  const t = await getTranslations("tickets");
  const o = d.order;
  const hidden = <Hidden order={o} />;
  return (
    <Card title={t("common.assignees")}>
      <Assignees assignees={d.assignees} timeZone={timeZone} />
      <div className="mt-3 flex flex-wrap gap-2">
        {mine && !mine.acceptedAt && o.status === "assigned" ? (
          <div className="hidden md:block">
            <ActionForm action={acceptAction}>
              {hidden}
              <button type="submit" className={buttonClass}>
                {t("staff.accept")}
              </button>
            </ActionForm>
          </div>
        ) : null}
        {manager &&
        d.assignees.length === 0 &&
        (o.type === "complaint" ? o.status === "triaged" : o.status === "submitted") ? (
          <ActionForm action={redispatchAction}>
            {hidden}
            <button type="submit" className={secondaryButtonClass}>
              {t("staff.redispatch")}
            </button>
          </ActionForm>
        ) : null}
        {canWork && o.status === "accepted" ? (
          <div className="hidden md:block">
            <ActionForm action={startAction}>
              {hidden}
              <button type="submit" className={secondaryButtonClass}>
                {t("staff.start")}
              </button>
            </ActionForm>
          </div>
        ) : null}
        {canWork && (o.status === "resolved" || o.status === "confirmed") ? (
          <ActionForm action={closeAction}>
            {hidden}
            <button type="submit" className={secondaryButtonClass}>
              {t("staff.close")}
            </button>
          </ActionForm>
        ) : null}
      </div>
    </Card>
  );
}

async function ReasonCard({
  order,
  action,
  label,
}: {
  order: Order;
  action: typeof cancelAction;
  label: "staff.cancelOrder" | "staff.reopen";
}) {
  const t = await getTranslations("tickets");
  return (
    <Card title={t(label)}>
      <ActionForm action={action} className="space-y-2">
        <Hidden order={order} />
        <input
          name="reason"
          aria-label={t("common.reason")}
          placeholder={t("common.reason")}
          maxLength={500}
          className={inputClass}
        />
        <FieldError name="reason" />
        <button type="submit" className={secondaryButtonClass}>
          {t(label)}
        </button>
      </ActionForm>
    </Card>
  );
}

async function ArticlesAndTimeline({
  d,
  articles,
  timeZone,
}: {
  d: Detail;
  articles: Awaited<ReturnType<typeof listArticles>>;
  timeZone: string;
}) {
  const t = await getTranslations("tickets");
  return (
    <>
      {articles.length ? (
        <Card title={t("common.kb")}>
          <ul className="space-y-1 text-sm">
            {articles.map((a) => (
              <li key={a.id}>
                <Link href={`/staff/kb/${a.id}`} className="text-brand-700 underline">
                  <span data-user-text>{a.title}</span>
                </Link>
                <span className="ml-1 text-xs text-slate-500">{t(`kbCategory.${a.category}`)}</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <Card title={t("common.timeline")}>
        <Timeline events={d.events} timeZone={timeZone} />
      </Card>
    </>
  );
}
