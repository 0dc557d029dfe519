import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { localNoticeNumbers } from "@/lib/crm/rules/arrears";
import { ActionForm } from "@/components/tickets/action-form";
import { INBOX_GROUPS, inboxGroupOf, type InboxGroup } from "@/components/tickets/inbox-groups";
import { NotificationLink } from "@/components/tickets/notification-link";
import { Card, EmptyState } from "@/components/ui/card";
import type { SessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import { listNotifications, unreadByKind } from "@/lib/tickets/queries";
import type { ActionFn } from "@/lib/actions/result";

type Row = Awaited<ReturnType<typeof listNotifications>>[number];
type T = Awaited<ReturnType<typeof getTranslations<"tickets">>>;
type TAll = Awaited<ReturnType<typeof getTranslations>>;

/** An entry's sentence: tickets' own kinds, else "<namespace>.inbox.<key>" of the module that wrote it. */
function entryText(t: T, tAll: TAll, n: Row): string {
  const payload = {
    ...n.payload,
    type:
      typeof n.payload.type === "string" && t.has(`type.${n.payload.type}`)
        ? t(`type.${n.payload.type}` as "type.repair")
        : String(n.payload.type ?? ""),
  };
  const [ns, ...rest] = n.kind.split(".");
  const moduleKey = `${ns}.inbox.${rest.join(".")}`;
  const text = t.has(`notifications.kind.${n.kind}`)
    ? t(`notifications.kind.${n.kind}` as "notifications.kind.order.accepted", payload)
    : tAll.has(moduleKey)
      ? tAll(moduleKey as "app.name", payload)
      : t("notifications.unknown");
  return localNoticeNumbers(text, tAll("arrears.numberPrefix" as "app.name"));
}

/**
 * The in-app inbox, for staff and residents, grouped by kind (orders, CRM, approvals …) with the
 * unread count of each group as tabs; "mark all as read" clears every unread entry.
 */
export async function Inbox({
  markReadAction,
  markAllReadAction,
  user,
  resident,
  group,
}: {
  markReadAction: ActionFn<{ id: number }>;
  markAllReadAction: ActionFn<FormData, { id: number } | null>;
  user: SessionUser;
  resident: boolean;
  group?: InboxGroup;
}) {
  const t = await getTranslations("tickets");
  const db = getDb();
  const [rows, counts] = await Promise.all([
    listNotifications(db, user.companyId, user.id, 300),
    unreadByKind(db, user.companyId, user.id),
  ]);
  const unreadOf = new Map<InboxGroup, number>();
  for (const c of counts) unreadOf.set(inboxGroupOf(c.kind), (unreadOf.get(inboxGroupOf(c.kind)) ?? 0) + c.n);
  const unread = counts.reduce((s, c) => s + c.n, 0);
  const shown = group ? rows.filter((r) => inboxGroupOf(r.kind) === group) : rows;
  const groups = INBOX_GROUPS.filter((g) => g === group || rows.some((r) => inboxGroupOf(r.kind) === g));
  return (
    <Card
      title={<span data-testid="inbox-unread">{t("notifications.unread", { count: unread })}</span>}
      actions={
        unread ? (
          <ActionForm action={markAllReadAction}>
            <button type="submit" className="text-sm text-brand-700 hover:underline" data-testid="mark-all-read">
              {t("notifications.markAll")}
            </button>
          </ActionForm>
        ) : null
      }
    >
      <GroupTabs groups={groups} current={group} unreadOf={unreadOf} total={unread} />
      {shown.length === 0 ? (
        <EmptyState>{t("notifications.empty")}</EmptyState>
      ) : (
        (group ? [group] : groups).map((g) => (
          <GroupList
            key={g}
            group={g}
            heading={!group}
            rows={shown.filter((r) => inboxGroupOf(r.kind) === g)}
            user={user}
            resident={resident}
            markReadAction={markReadAction}
          />
        ))
      )}
    </Card>
  );
}

async function GroupTabs({
  groups,
  current,
  unreadOf,
  total,
}: {
  groups: readonly InboxGroup[];
  current: InboxGroup | undefined;
  unreadOf: Map<InboxGroup, number>;
  total: number;
}) {
  const t = await getTranslations("tickets.notifications");
  const tab = (href: string, label: string, n: number, active: boolean, id: string) => (
    <Link
      key={id}
      href={href}
      data-testid={`inbox-tab-${id}`}
      aria-current={active ? "page" : undefined}
      className={`inline-flex min-h-9 items-center rounded-full px-3 text-sm ${active ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}
    >
      {label}
      {n ? <span className="ml-1 tabular-nums">({n})</span> : null}
    </Link>
  );
  return (
    <nav className="mb-3 flex flex-wrap gap-2" aria-label={t("groupsLabel")}>
      {tab("?", t("group.all"), total, !current, "all")}
      {groups.map((g) => tab(`?group=${g}`, t(`group.${g}`), unreadOf.get(g) ?? 0, current === g, g))}
    </nav>
  );
}

async function GroupList({
  group,
  heading,
  rows,
  user,
  resident,
  markReadAction,
}: {
  group: InboxGroup;
  heading: boolean;
  rows: Row[];
  user: SessionUser;
  resident: boolean;
  markReadAction: ActionFn<{ id: number }>;
}) {
  const t = await getTranslations("tickets");
  const tAll = await getTranslations();
  const locale = (await getLocale()) as Locale;
  const hrefOf = (href: string | null) => (href && resident ? href.replace(/^\/staff\/orders\//, "/requests/") : href);
  if (!rows.length) return null;
  return (
    <section className="mt-2" data-testid={`inbox-group-${group}`}>
      {heading ? (
        <h3 className="mt-3 text-xs font-semibold uppercase tracking-wide text-slate-500">
          {t(`notifications.group.${group}`)}
        </h3>
      ) : null}
      <ul className="divide-y divide-slate-100" data-testid="inbox">
        {rows.map((n) => {
          const text = entryText(t, tAll, n);
          const href = hrefOf(n.href);
          return (
            <li key={n.id} className={`py-2 text-sm ${n.readAt ? "text-slate-500" : "font-medium text-slate-900"}`}>
              {href ? (
                <NotificationLink markReadAction={markReadAction} id={n.id} href={href} unread={!n.readAt}>
                  {text}
                </NotificationLink>
              ) : (
                text
              )}
              <div className="text-xs font-normal text-slate-500">
                {formatDateTime(n.createdAt, locale, user.timeZone)}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
