import Link from "next/link";
import { localNoticeNumbers } from "@/lib/crm/rules/arrears";
import { getLocale, getTranslations } from "next-intl/server";
import type { ActionFn } from "@/lib/actions/result";
import { ActionForm } from "@/components/tickets/action-form";
import { NotificationLink } from "@/components/tickets/notification-link";
import { Card, EmptyState } from "@/components/ui/card";
import type { SessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import { residentNotices } from "@/lib/portal/notices";
import { listNotifications } from "@/lib/tickets/queries";

type Entry =
  | { key: string; at: Date; kind: "notice"; id: number; title: string; emergency: boolean; unread: boolean }
  | { key: string; at: Date; kind: "notification"; id: number; text: string; href: string | null; unread: boolean };

/** The inbox lines: announcements and notifications (with their translated text), newest first. */
async function inboxEntries(
  notes: Awaited<ReturnType<typeof listNotifications>>,
  notices: Awaited<ReturnType<typeof residentNotices>>,
): Promise<Entry[]> {
  const [tt, tp, ta] = await Promise.all([
    getTranslations("tickets"),
    getTranslations("portal"),
    getTranslations("arrears"),
  ]);
  const textOf = (kind: string, payload: Record<string, string | number | null>) =>
    localNoticeNumbers(sentenceOf(kind, payload), ta("numberPrefix"));
  const sentenceOf = (kind: string, payload: Record<string, string | number | null>) => {
    if (tp.has(`inbox.kind.${kind}`))
      return tp(
        `inbox.kind.${kind}` as "inbox.title",
        Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, v ?? ""])),
      );
    const p = {
      ...payload,
      type:
        typeof payload.type === "string" && tt.has(`type.${payload.type}`)
          ? tt(`type.${payload.type}` as "type.repair")
          : String(payload.type ?? ""),
    };
    return tt.has(`notifications.kind.${kind}`)
      ? tt(`notifications.kind.${kind}` as "notifications.kind.order.accepted", p)
      : kind;
  };
  return [
    ...notices.map((n) => ({
      key: `n${n.id}`,
      at: n.publishAt,
      kind: "notice" as const,
      id: n.id,
      title: n.title,
      emergency: n.emergency,
      unread: !n.readAt,
    })),
    ...notes.map((n) => ({
      key: `x${n.id}`,
      at: n.createdAt,
      kind: "notification" as const,
      id: n.id,
      text: textOf(n.kind, n.payload),
      href: n.href ? n.href.replace(/^\/staff\/orders\//, "/requests/") : null,
      unread: !n.readAt,
    })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
}

/** The resident's one inbox: every notification (work orders, activities, shop) and every announcement, newest first. */
export async function ResidentInbox({
  markReadAction,
  markAllReadAction,
  user,
}: {
  markReadAction: ActionFn<{ id: number }>;
  markAllReadAction: ActionFn<FormData, { id: number } | null>;
  user: SessionUser;
}) {
  const tt = await getTranslations("tickets");
  const locale = (await getLocale()) as Locale;
  const db = getDb();
  const [notes, notices] = await Promise.all([
    listNotifications(db, user.companyId, user.id),
    residentNotices(db, user.companyId, user.id, new Date()),
  ]);
  const entries = await inboxEntries(notes, notices);
  const unread = entries.filter((e) => e.unread).length;
  return (
    <Card
      title={tt("notifications.unread", { count: unread })}
      actions={
        notes.some((n) => !n.readAt) ? (
          <ActionForm action={markAllReadAction}>
            <button type="submit" className="text-sm text-brand-700 hover:underline">
              {tt("notifications.markAll")}
            </button>
          </ActionForm>
        ) : null
      }
    >
      {entries.length === 0 ? (
        <EmptyState>{tt("notifications.empty")}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="inbox">
          {entries.map((e) => (
            <InboxEntry key={e.key} e={e} locale={locale} timeZone={user.timeZone} markReadAction={markReadAction} />
          ))}
        </ul>
      )}
    </Card>
  );
}

async function InboxEntry({
  e,
  locale,
  timeZone,
  markReadAction,
}: {
  e: Entry;
  locale: Locale;
  timeZone: string;
  markReadAction: ActionFn<{ id: number }>;
}) {
  const tp = await getTranslations("portal");
  return (
    <li className={`py-2 text-sm ${e.unread ? "font-medium text-slate-900" : "text-slate-600"}`}>
      {e.kind === "notice" ? (
        <Link href={`/community/notices/${e.id}`} className="hover:underline">
          <span
            className={`mr-1 rounded px-1 text-xs ${e.emergency ? "bg-red-700 text-white" : "bg-slate-100 text-slate-700"}`}
          >
            {e.emergency ? tp("notices.emergency") : tp("inbox.notices")}
          </span>
          <span data-user-text>{e.title}</span>
        </Link>
      ) : e.href ? (
        <NotificationLink markReadAction={markReadAction} id={e.id} href={e.href} unread={e.unread}>
          {e.text}
        </NotificationLink>
      ) : (
        e.text
      )}
      <div className="text-xs font-normal text-slate-600">{formatDateTime(e.at, locale, timeZone)}</div>
    </li>
  );
}
