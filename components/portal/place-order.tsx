"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { SchemaAction } from "@/lib/actions/result";
import type { placeOrderSchema } from "@/lib/portal/schemas";

type Totals = { subtotal: string; discountPercent: number; discount: string; total: string };

/** Chooses the household, shows the server-computed totals for it, places the order and goes to pay. */
export function PlaceOrder({
  placeOrderAction,
  households,
  lines,
  totals,
}: {
  placeOrderAction: SchemaAction<typeof placeOrderSchema, { checkoutId: string }>;
  households: { id: number; name: string }[];
  lines: { productId: number; quantity: number }[];
  totals: Record<number, Totals>;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [householdId, setHouseholdId] = useState(households[0]?.id ?? 0);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const current = totals[householdId];
  return (
    <div className="space-y-3">
      {households.length > 1 ? (
        <label className="block text-sm">
          <span className="font-medium">{t("portal.shop.household")}</span>
          <select
            value={householdId}
            onChange={(e) => setHouseholdId(Number(e.target.value))}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base"
          >
            {households.map((h) => (
              <option key={h.id} value={h.id} data-user-text>
                {h.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {current ? (
        <dl className="space-y-1 text-sm" data-testid="cart-totals">
          <div className="flex justify-between">
            <dt>{t("portal.shop.subtotal")}</dt>
            <dd className="tabular-nums">{current.subtotal}</dd>
          </div>
          {current.discountPercent ? (
            <div className="flex justify-between text-amber-800" data-testid="vip-discount">
              <dt>{t("portal.shop.discount", { percent: current.discountPercent })}</dt>
              <dd className="tabular-nums">−{current.discount}</dd>
            </div>
          ) : null}
          <div className="flex justify-between text-base font-semibold">
            <dt>{t("portal.shop.total")}</dt>
            <dd className="tabular-nums" data-testid="cart-total">
              {current.total}
            </dd>
          </div>
        </dl>
      ) : null}
      <Button
        type="button"
        className="w-full py-3 text-base"
        disabled={pending || !householdId}
        onClick={() =>
          start(async () => {
            setError(null);
            const r = await placeOrderAction({ householdId, lines });
            if (!r.ok) return setError(Object.values(r.fieldErrors ?? {})[0]?.[0] ?? r.message);
            router.push(`/shop/pay/${r.data.checkoutId}`);
          })
        }
      >
        {t("portal.shop.placeOrder")}
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}
