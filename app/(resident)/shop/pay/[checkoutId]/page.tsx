import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OrderSummary } from "@/components/portal/order-summary";
import { SandboxCheckout } from "@/components/billing/sandbox-checkout";
import { shopCancelPaymentAction, shopPayAction } from "../../actions";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { orderByCheckout, orderWithLines } from "@/lib/portal/shop/order-queries";

export async function generateMetadata() {
  return { title: (await getTranslations("billing.checkout"))("title") };
}

/** The sandbox provider's hosted checkout for a shop order, for its buyer only. */
export default async function ShopPayPage({ params }: { params: Promise<{ checkoutId: string }> }) {
  const user = await requireUser(["resident"]);
  const { checkoutId } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(checkoutId)) notFound();
  const db = getDb();
  const found = await orderByCheckout(db, user.companyId, user.id, checkoutId);
  if (!found) notFound();
  const order = (await orderWithLines(db, user.companyId, found.id, user.id))!;
  const t = await getTranslations();
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">{t("portal.shop.checkout.title", { id: order.id })}</h1>
      <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
        {t("billing.checkout.notice")}
      </p>
      <Card>
        <p className="mb-2 text-sm text-slate-600">
          {t("billing.checkout.merchant")}: <span data-user-text>{user.companyName}</span>
        </p>
        <OrderSummary order={order} />
      </Card>
      {order.status === "pending_payment" ? (
        <SandboxCheckout
          pay={shopPayAction.bind(null, { checkoutId })}
          cancel={shopCancelPaymentAction.bind(null, { checkoutId })}
        />
      ) : (
        <Card>
          <p className="text-sm">
            {order.status === "cancelled" ? t("portal.shop.checkout.cancelled") : t("portal.shop.checkout.paid")}
          </p>
        </Card>
      )}
    </div>
  );
}
