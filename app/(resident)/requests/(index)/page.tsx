import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { OverdueBadgeWith, StatusBadgeWith } from "@/components/tickets/order-bits";
import { Card, EmptyState } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import { loadOrderScope } from "@/lib/tickets/access";
import { listOrders } from "@/lib/tickets/queries";

export async function generateMetadata() {
  return { title: (await getTranslations("tickets.resident"))("title") };
}

export default async function RequestsPage() {
  const user = await requireUser(["resident"]);
  const t = await getTranslations("tickets");
  const tr = await getTranslations();
  const locale = (await getLocale()) as Locale;
  const db = getDb();
  const scope = await loadOrderScope(db, user.companyId, { id: user.id, roles: ["resident"] });
  const { rows } = await listOrders(db, user.companyId, scope, { status: "all" });
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-lg font-semibold">{t("resident.title")}</h1>
        <Link href="/requests/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">
          {t("resident.new")}
        </Link>
      </div>
      {rows.length === 0 ? (
        <EmptyState>{t("resident.empty")}</EmptyState>
      ) : (
        <ul className="space-y-3">
          {rows.map((o) => (
            <li key={o.id}>
              <Link href={`/requests/${o.id}`} className="block">
                <Card>
                  <div className="flex items-center justify-between gap-2">
                    <span className="font-medium">
                      {t(`type.${o.type}`)} <span className="text-xs text-slate-500">#{o.id}</span>
                    </span>
                    <span>
                      <StatusBadgeWith status={o.status} t={tr} />
                      <OverdueBadgeWith order={o} t={tr} />
                    </span>
                  </div>
                  <p data-user-text className="mt-1 line-clamp-2 text-sm text-slate-700">
                    {o.description}
                  </p>
                  <div className="mt-1 flex justify-between text-xs text-slate-500">
                    <span>{formatDateTime(o.createdAt, locale, user.timeZone)}</span>
                    {o.rating ? <span className="text-amber-600">{"★".repeat(o.rating)}</span> : null}
                  </div>
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
