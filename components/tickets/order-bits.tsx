import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { withUserText } from "@/components/ui/user-text";
import { orderText, orderTitleMarked } from "@/components/ui/system-text";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import { isOverdue, type WorkOrderStatus } from "@/lib/tickets/rules";

const STATUS_STYLE: Record<WorkOrderStatus, string> = {
  submitted: "bg-slate-100 text-slate-700",
  triaged: "bg-slate-100 text-slate-700",
  assigned: "bg-amber-50 text-amber-800",
  accepted: "bg-sky-50 text-sky-800",
  in_progress: "bg-sky-50 text-sky-800",
  resolved: "bg-emerald-50 text-emerald-800",
  confirmed: "bg-emerald-50 text-emerald-800",
  closed: "bg-slate-100 text-slate-600",
  cancelled: "bg-slate-100 text-slate-600",
};

/** The root translator (`await getTranslations()`), awaited once by a list and handed to its rows. */
export type RootT = Awaited<ReturnType<typeof getTranslations>>;

/*
 * Each bit below comes twice: an async component that fetches its translator, for a single use on a
 * page, and a synchronous `…With` taking the caller's, for the rows of a list. An async component
 * is a task of its own in the server render, streamed as a chunk of its own and resolved
 * separately on the way to HTML: four per row of a 50-row orders list, in two views.
 */

export function StatusBadgeWith({ status, t }: { status: WorkOrderStatus; t: RootT }) {
  return (
    <span
      className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[status]}`}
      data-testid="order-status"
    >
      {t(`tickets.status.${status}`)}
    </span>
  );
}

export async function StatusBadge({ status }: { status: WorkOrderStatus }) {
  return <StatusBadgeWith status={status} t={await getTranslations()} />;
}

type OverdueProps = {
  order: { status: WorkOrderStatus; acceptDueAt: Date | null; resolveDueAt: Date | null; escalationLevel?: number };
  now?: Date;
};

/** Red "overdue" marker (SPEC §5: overdue orders show in red everywhere). */
export function OverdueBadgeWith({ order, now = new Date(), t }: OverdueProps & { t: RootT }) {
  if (!isOverdue(order, now)) return null;
  return (
    <span
      className="ml-1 inline-block whitespace-nowrap rounded bg-red-600 px-2 py-0.5 text-xs font-semibold text-white"
      data-testid="overdue"
    >
      {t("tickets.common.overdue")}
      {order.escalationLevel ? ` · ${t("tickets.common.escalation", { level: order.escalationLevel })}` : ""}
    </span>
  );
}

export async function OverdueBadge(props: OverdueProps) {
  if (!isOverdue(props.order, props.now ?? new Date())) return null;
  return <OverdueBadgeWith {...props} t={await getTranslations()} />;
}

type TitleProps = { order: Parameters<typeof orderText>[1] };

/**
 * An order's title (else its description) in the reader's language: system orders are worded from
 * their key, the values people named in them (a place, an item) marked as user text.
 */
export function OrderTitleWith({ order, t }: TitleProps & { t: RootT }) {
  const title = orderTitleMarked(t, order);
  return <span {...(title.system ? {} : { "data-user-text": "" })}>{title.text}</span>;
}

export async function OrderTitle({ order }: TitleProps) {
  return <OrderTitleWith order={order} t={await getTranslations()} />;
}

export type TimelineEvent = {
  id: number;
  action: string;
  note: string | null;
  at: Date;
  actorName: string | null;
  actorIsResident?: boolean;
};

type TicketsT = Awaited<ReturnType<typeof getTranslations<"tickets">>>;

/** Who did it: the system (no actor), a resident (named as such) or a staff member. */
function actorLabel(t: TicketsT, e: TimelineEvent): ReactNode {
  if (!e.actorName) return t("common.system");
  return e.actorIsResident ? (
    withUserText((name) => t("timeline.resident", { name }), e.actorName)
  ) : (
    <span data-user-text>{e.actorName}</span>
  );
}

/**
 * An event's note: the system writes codes (the submit event's source, an escalation's
 * level "L2") that are translated here; anything else is what a person typed.
 */
function eventNote(t: TicketsT, e: TimelineEvent): { text: string; user: boolean } | null {
  if (!e.note) return null;
  if (e.action === "submit" && t.has(`source.${e.note}`))
    return { text: t("timeline.via", { source: t(`source.${e.note}` as "source.resident") }), user: false };
  const level = e.action === "escalate" ? /^L(\d+)$/.exec(e.note) : null;
  if (level) return { text: t("common.escalation", { level: Number(level[1]) }), user: false };
  return { text: e.note, user: true };
}

export async function Timeline({ events, timeZone }: { events: TimelineEvent[]; timeZone: string }) {
  const t = await getTranslations("tickets");
  const locale = (await getLocale()) as Locale;
  return (
    <ol className="space-y-3 border-l-2 border-slate-200 pl-4" data-testid="timeline">
      {events.map((e) => {
        const note = eventNote(t, e);
        return (
          <li key={e.id} className="relative" data-testid="timeline-event">
            <span className="absolute -left-[1.4rem] top-1.5 h-2.5 w-2.5 rounded-full bg-brand-600" aria-hidden />
            <div className="text-sm font-medium text-slate-900">
              {t.has(`action.${e.action}`) ? t(`action.${e.action}` as "action.submit") : e.action}
            </div>
            <div className="text-xs text-slate-500">
              {formatDateTime(e.at, locale, timeZone)} ·{" "}
              <span data-testid="timeline-actor" {...(e.actorName ? { "data-user-text": "" } : {})}>
                {actorLabel(t, e)}
              </span>
            </div>
            {note ? (
              <div className="mt-0.5 text-sm text-slate-700" {...(note.user ? { "data-user-text": "" } : {})}>
                {note.text}
              </div>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

export async function Photos({ attachments }: { attachments: { id: number; kind: "before" | "after" }[] }) {
  const t = await getTranslations("tickets.common");
  if (!attachments.length) return <p className="text-sm text-slate-500">{t("noPhotos")}</p>;
  return (
    <div className="space-y-3">
      {(["before", "after"] as const).map((kind) => {
        const list = attachments.filter((a) => a.kind === kind);
        if (!list.length) return null;
        return (
          <div key={kind}>
            <div className="mb-1 text-xs font-medium text-slate-500">{t(kind)}</div>
            <div className="grid grid-cols-3 gap-2" data-testid={`photos-${kind}`}>
              {list.map((a) => (
                <a
                  key={a.id}
                  href={`/api/files/${a.id}`}
                  target="_blank"
                  rel="noreferrer"
                  className="block aspect-square overflow-hidden rounded-md bg-slate-100 ring-1 ring-slate-200"
                >
                  {/* eslint-disable-next-line @next/next/no-img-element -- served by the authorized route, not the image optimizer */}
                  <img src={`/api/files/${a.id}`} alt={t(kind)} className="h-full w-full object-cover" />
                </a>
              ))}
            </div>
          </div>
        );
      })}
    </div>
  );
}

export async function Assignees({
  assignees,
  timeZone,
}: {
  assignees: { userId: number; name: string; role: string; acceptedAt: Date | null }[];
  timeZone: string;
}) {
  const t = await getTranslations("tickets");
  const locale = (await getLocale()) as Locale;
  if (!assignees.length) return <p className="text-sm text-slate-500">{t("common.none")}</p>;
  return (
    <ul className="space-y-1 text-sm" data-testid="assignees">
      {assignees.map((a) => (
        <li key={a.userId} className="flex flex-wrap items-center justify-between gap-2">
          <span>
            <span data-user-text>{a.name}</span>{" "}
            <span className="text-xs text-slate-500">{t(`role.${a.role as "butler"}`)}</span>
          </span>
          {a.acceptedAt ? (
            <span className="text-xs text-emerald-700">
              ✓ {t("common.accepted")} {formatDateTime(a.acceptedAt, locale, timeZone)}
            </span>
          ) : (
            <span className="text-xs text-amber-700">{t("common.waiting")}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

export { inputClass, labelClass } from "@/components/forms/action-fields";
export const buttonClass =
  "inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";
export const secondaryButtonClass =
  "inline-flex items-center justify-center rounded-md bg-white px-4 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50";
