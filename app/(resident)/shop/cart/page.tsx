import Link from "next/link";
import { withUserText } from "@/components/ui/user-text";
import { getLocale, getTranslations } from "next-intl/server";
import { PlaceOrder } from "@/components/portal/place-order";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { residentHouseholdIds } from "@/lib/billing/queries/bills";
import { requireUser } from "@/app/_lib/session";

import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";
import { residentHouseholds } from "@/lib/registry/queries";
import { shopTotals } from "@/lib/portal/rules";
import { setCartAction, placeOrderAction } from "../actions";
import { localDate } from "@/lib/time/zone";
import { cartLines } from "@/lib/portal/shop/cart";
import { vipPercents } from "@/lib/portal/shop/catalogue";

export async function generateMetadata() {
  return { title: (await getTranslations("portal.shop"))("cart") };
}

export default async function CartPage() {
  const user = await requireUser(["resident"]);
  const t = await getTranslations("portal.shop");
  const locale = (await getLocale()) as Locale;
  const db = getDb();
  const householdIds = await residentHouseholdIds(db, user.companyId, user.id);
  const [lines, vip, households] = await Promise.all([
    cartLines(db, user.companyId, user.id),
    vipPercents(db, user.companyId, householdIds, localDate(new Date(), user.timeZone)),
    residentHouseholds(db, user.companyId, user.id),
  ]);
  // The same rule the server applies when the order is placed, shown per household.
  const totals = Object.fromEntries(
    householdIds.map((h) => {
      const x = shopTotals(
        lines.map((l) => ({ productId: l.productId, unitPriceFen: l.priceFen, quantity: l.quantity })),
        vip.get(h) ?? null,
      );
      return [
        h,
        {
          subtotal: formatFen(x.subtotalFen, locale),
          discountPercent: x.discountPercent,
          discount: formatFen(x.discountFen, locale),
          total: formatFen(x.totalFen, locale),
        },
      ];
    }),
  );
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">{t("cart")}</h1>
      {lines.length === 0 ? (
        <EmptyState>{t("cartEmpty")}</EmptyState>
      ) : (
        <>
          <Card>
            <ul className="divide-y divide-slate-100">
              {lines.map((l) => (
                <CartLine key={l.productId} l={l} locale={locale} />
              ))}
            </ul>
          </Card>
          <Card>
            {households.length ? (
              <PlaceOrder
                placeOrderAction={placeOrderAction}
                households={households.map((h) => ({ id: h.id, name: h.name }))}
                lines={lines.map((l) => ({ productId: l.productId, quantity: l.quantity }))}
                totals={totals}
              />
            ) : (
              <EmptyState>{t("cartEmpty")}</EmptyState>
            )}
          </Card>
        </>
      )}
      <Link href="/shop" className="block text-center text-sm text-brand-700 hover:underline">
        {t("back")}
      </Link>
    </div>
  );
}

async function CartLine({ l, locale }: { l: Awaited<ReturnType<typeof cartLines>>[number]; locale: Locale }) {
  const t = await getTranslations("portal.shop");
  return (
    <li key={l.productId} className="py-2">
      <div className="flex justify-between gap-2 text-sm">
        <span className="font-medium" data-user-text>
          {l.name}
        </span>
        <span className="tabular-nums">{formatFen(l.priceFen * l.quantity, locale)}</span>
      </div>
      <ActionForm action={setCartAction} className="mt-1 flex items-center gap-2">
        <input type="hidden" name="productId" value={l.productId} />
        <label className="text-sm">
          <span className="sr-only">{withUserText((name) => t("quantityOf", { name }), l.name)}</span>
          <input
            name="quantity"
            type="number"
            min={0}
            max={99}
            defaultValue={l.quantity}
            inputMode="numeric"
            className="w-20 rounded-md border border-slate-300 px-2 py-1 text-base"
          />
        </label>
        <Button type="submit" variant="ghost" className="px-2 py-1">
          {t("update")}
        </Button>
        <FieldError name="quantity" />
      </ActionForm>
    </li>
  );
}
