import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OrderStatus } from "@/components/portal/order-status";
import { OrderSummary } from "@/components/portal/order-summary";
import { ActionForm } from "@/components/tickets/action-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { orderWithLines } from "@/lib/portal/shop/order-queries";
import { cancelMyOrderAction } from "../../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("portal.shop"))("orders") };
}

/** The resident's own order; anyone else's → 404. */
export default async function MyOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(["resident"]);
  const raw = (await params).id;
  if (!/^\d{1,12}$/.test(raw)) notFound();
  const order = await orderWithLines(getDb(), user.companyId, Number(raw), user.id);
  if (!order) notFound();
  const t = await getTranslations("portal.shop");
  return (
    <div className="space-y-4">
      <Card>
        <div className="mb-2 flex items-center justify-between">
          <h1 className="text-lg font-semibold">{t("order", { id: order.id })}</h1>
          <span data-testid="order-status">
            <OrderStatus status={order.status} />
          </span>
        </div>
        <OrderSummary order={order} />
      </Card>
      {order.status === "pending_payment" ? (
        <Link
          href={`/shop/pay/${order.checkoutId}`}
          className="block rounded-md bg-brand-600 px-4 py-3 text-center font-medium text-white"
        >
          {t("pay")}
        </Link>
      ) : null}
      {order.status === "pending_payment" || order.status === "paid" ? (
        <ActionForm action={cancelMyOrderAction}>
          <input type="hidden" name="orderId" value={order.id} />
          <Button type="submit" variant="secondary" className="w-full">
            {t("cancelOrder")}
          </Button>
        </ActionForm>
      ) : null}
      <Link href="/shop/orders" className="block text-center text-sm text-brand-700 hover:underline">
        {t("orders")}
      </Link>
    </div>
  );
}
