import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/tickets/action-form";
import { NotificationLink } from "@/components/tickets/notification-link";
import { Card, EmptyState } from "@/components/ui/card";
import type { SessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import { listNotifications } from "@/lib/tickets/queries";
import type { ActionFn } from "@/lib/actions/result";

/** The in-app inbox, for staff and residents. Resident links go to /requests/…, staff links to /staff/orders/…. */
export async function Inbox({
  markReadAction,
  markAllReadAction,
  user,
  resident,
}: {
  markReadAction: ActionFn<{ id: number }>;
  markAllReadAction: ActionFn<FormData, { id: number } | null>;
  user: SessionUser;
  resident: boolean;
}) {
  const t = await getTranslations("tickets");
  const tAll = await getTranslations();
  const locale = (await getLocale()) as Locale;
  const rows = await listNotifications(getDb(), user.companyId, user.id);
  const unread = rows.filter((r) => !r.readAt).length;
  const hrefOf = (href: string | null) => (href && resident ? href.replace(/^\/staff\/orders\//, "/requests/") : href);
  return (
    <Card
      title={t("notifications.unread", { count: unread })}
      actions={
        unread ? (
          <ActionForm action={markAllReadAction}>
            <button type="submit" className="text-sm text-brand-700 hover:underline">
              {t("notifications.markAll")}
            </button>
          </ActionForm>
        ) : null
      }
    >
      {rows.length === 0 ? (
        <EmptyState>{t("notifications.empty")}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="inbox">
          {rows.map((n) => {
            const payload = {
              ...n.payload,
              type:
                typeof n.payload.type === "string" && t.has(`type.${n.payload.type}`)
                  ? t(`type.${n.payload.type}` as "type.repair")
                  : String(n.payload.type ?? ""),
            };
            // Other modules' kinds are "<namespace>.<key>", worded under "<namespace>.inbox.<key>".
            const [ns, ...rest] = n.kind.split(".");
            const moduleKey = `${ns}.inbox.${rest.join(".")}`;
            const text = t.has(`notifications.kind.${n.kind}`)
              ? t(`notifications.kind.${n.kind}` as "notifications.kind.order.accepted", payload)
              : tAll.has(moduleKey)
                ? tAll(moduleKey as "app.name", payload)
                : n.kind;
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
      )}
    </Card>
  );
}
