import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { OrderStatus } from "@/components/portal/order-status";
import { Card, EmptyState } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime, formatFen } from "@/lib/i18n/format";
import { residentOrders } from "@/lib/portal/shop/order-queries";

export async function generateMetadata() {
  return { title: (await getTranslations("portal.shop"))("orders") };
}

export default async function MyOrdersPage() {
  const user = await requireUser(["resident"]);
  const t = await getTranslations("portal.shop");
  const locale = (await getLocale()) as Locale;
  const rows = await residentOrders(getDb(), user.companyId, user.id);
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">{t("orders")}</h1>
      {rows.length === 0 ? (
        <EmptyState>{t("noOrders")}</EmptyState>
      ) : (
        <ul className="space-y-3">
          {rows.map((o) => (
            <li key={o.id}>
              <Link href={`/shop/orders/${o.id}`} className="block">
                <Card>
                  <div className="flex items-center justify-between gap-2">
                    <span className="font-medium">{t("order", { id: o.id })}</span>
                    <OrderStatus status={o.status} />
                  </div>
                  <div className="mt-1 flex justify-between text-sm text-slate-600">
                    <span>{formatDateTime(o.createdAt, locale, user.timeZone)}</span>
                    <span className="font-semibold tabular-nums text-slate-900">{formatFen(o.totalFen, locale)}</span>
                  </div>
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Link href="/shop" className="block text-center text-sm text-brand-700 hover:underline">
        {t("back")}
      </Link>
    </div>
  );
}
