"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { shopCancelPaymentAction, shopPayAction } from "@/app/(resident)/shop/actions";
import { Button } from "@/components/ui/button";

export function ShopCheckout({ checkoutId }: { checkoutId: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (kind: "pay" | "cancel") =>
    start(async () => {
      setError(null);
      const r = await (kind === "pay" ? shopPayAction : shopCancelPaymentAction)({ checkoutId });
      if (!r.ok) return setError(r.message);
      router.push(`/shop/orders/${r.data.id}`);
    });
  return (
    <div className="space-y-3">
      <Button type="button" className="w-full py-3 text-base" disabled={pending} onClick={() => run("pay")}>
        {t("billing.checkout.pay")}
      </Button>
      <Button type="button" variant="secondary" className="w-full" disabled={pending} onClick={() => run("cancel")}>
        {t("billing.checkout.cancel")}
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}
