import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { SHOP_ORDER_STATUSES } from "@/db/schema/portal";
import { OrderStatus } from "@/components/portal/order-status";
import { ActionForm } from "@/components/tickets/action-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime, formatFen } from "@/lib/i18n/format";
import { SHOP_ROLES } from "@/lib/portal/roles";
import { staffOrders } from "@/lib/portal/shop/order-queries";
import { advanceOrderAction, staffCancelOrderAction } from "../../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("portal.staffShop"))("ordersTitle") };
}

const NEXT = {
  paid: ["accepted", "accept"],
  accepted: ["delivered", "deliver"],
  delivered: ["done", "complete"],
} as const;

export default async function StaffShopOrdersPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const user = await requireUser(SHOP_ROLES);
  const sp = await searchParams;
  const status = SHOP_ORDER_STATUSES.find((s) => s === sp.status);
  const t = await getTranslations("portal");
  const locale = (await getLocale()) as Locale;
  const rows = await staffOrders(getDb(), user.companyId, status);
  return (
    <div className="space-y-4">
      <PageHeader title={t("staffShop.ordersTitle")} subtitle={t("staffShop.ordersSubtitle")} />
      <nav aria-label={t("staffShop.status")} className="flex flex-wrap gap-2 text-sm">
        {[undefined, ...SHOP_ORDER_STATUSES].map((s) => (
          <Link
            key={s ?? "all"}
            href={s ? `/staff/portal/shop/orders?status=${s}` : "/staff/portal/shop/orders"}
            aria-current={s === status ? "page" : undefined}
            className={`rounded-full px-3 py-1 ring-1 ${s === status ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300"}`}
          >
            {s ? t(`shop.status.${s}`) : t("staffShop.all")}
          </Link>
        ))}
      </nav>
      <Card>
        {rows.length === 0 ? (
          <EmptyState>{t("staffShop.noOrders")}</EmptyState>
        ) : (
          <Table head={["#", t("staffShop.buyer"), t("staffShop.total"), t("staffShop.status"), ""]}>
            {rows.map(({ order: o, buyer }) => {
              const next = NEXT[o.status as keyof typeof NEXT];
              return (
                <tr key={o.id} data-testid={`shop-order-${o.id}`}>
                  <td className="tabular-nums">
                    {o.id}
                    <div className="text-xs text-slate-600">{formatDateTime(o.createdAt, locale, user.timeZone)}</div>
                  </td>
                  <td>{buyer}</td>
                  <td className="tabular-nums">
                    {formatFen(o.totalFen, locale)}
                    {o.discountFen ? (
                      <div className="text-xs text-amber-800">
                        −{formatFen(o.discountFen, locale)} ({o.discountPercent}%)
                      </div>
                    ) : null}
                  </td>
                  <td>
                    <OrderStatus status={o.status} />
                  </td>
                  <td className="flex flex-wrap gap-2">
                    {next ? (
                      <ActionForm action={advanceOrderAction}>
                        <input type="hidden" name="orderId" value={o.id} />
                        <input type="hidden" name="to" value={next[0]} />
                        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1 text-sm text-white">
                          {t(`staffShop.${next[1]}`)}
                        </button>
                      </ActionForm>
                    ) : null}
                    {o.status === "paid" || o.status === "pending_payment" ? (
                      <ActionForm action={staffCancelOrderAction}>
                        <input type="hidden" name="orderId" value={o.id} />
                        <button type="submit" className="rounded-md px-3 py-1 text-sm text-red-700 ring-1 ring-red-300">
                          {o.status === "paid" ? t("staffShop.cancelRefund") : t("staffShop.cancel")}
                        </button>
                      </ActionForm>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </Table>
        )}
      </Card>
    </div>
  );
}
