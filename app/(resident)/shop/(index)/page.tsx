import { ShoppingCart } from "lucide-react";
import { withUserText } from "@/components/ui/user-text";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { residentHouseholdIds } from "@/lib/billing/queries/bills";
import { requireUser } from "@/app/_lib/session";

import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";
import { vipUnitPriceFen } from "@/lib/portal/rules";
import { cartLines } from "@/lib/portal/shop/cart";
import { listProducts, vipPercents } from "@/lib/portal/shop/catalogue";
import { setCartAction } from "../actions";
import { localDate } from "@/lib/time/zone";

export async function generateMetadata() {
  return { title: (await getTranslations("portal.shop"))("title") };
}

type Product = Awaited<ReturnType<typeof listProducts>>[number];

export default async function ShopPage() {
  const user = await requireUser(["resident"]);
  const t = await getTranslations("portal.shop");
  const locale = (await getLocale()) as Locale;
  const db = getDb();
  const householdIds = await residentHouseholdIds(db, user.companyId, user.id);
  const [products, cart, vip] = await Promise.all([
    listProducts(db, user.companyId, { activeOnly: true }),
    cartLines(db, user.companyId, user.id),
    vipPercents(db, user.companyId, householdIds, localDate(new Date(), user.timeZone)),
  ]);
  const percent = vip.size ? Math.max(...vip.values()) : null;
  const inCart = cart.reduce((s, l) => s + l.quantity, 0);
  return (
    <div className="space-y-4">
      <div className="flex items-start justify-between gap-2">
        <div>
          <h1 className="text-lg font-semibold">{t("title")}</h1>
          <p className="text-sm text-slate-600">{t("subtitle")}</p>
        </div>
        <Link
          href="/shop/cart"
          className="inline-flex shrink-0 items-center gap-1 rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white"
          data-testid="cart-link"
        >
          <ShoppingCart aria-hidden className="h-4 w-4" />
          {t("cartCount", { count: inCart })}
        </Link>
      </div>
      {percent ? (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
          🏅 {t("vipNote", { percent })}
        </p>
      ) : null}
      <Link href="/shop/orders" className="block text-sm text-brand-700 hover:underline">
        {t("orders")}
      </Link>
      {products.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <ul className="space-y-3">
          {products.map((p) => (
            <li key={p.id}>
              <ProductCard p={p} percent={percent} locale={locale} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

async function ProductCard({ p, percent, locale }: { p: Product; percent: number | null; locale: Locale }) {
  const t = await getTranslations("portal.shop");
  return (
    <Card>
      <div className="flex gap-3">
        {p.photoPath ? (
          // eslint-disable-next-line @next/next/no-img-element -- an authorized, private file
          <img
            src={`/api/files/p${p.id}`}
            alt=""
            width={64}
            height={64}
            className="h-16 w-16 shrink-0 rounded object-cover"
          />
        ) : null}
        <div className="min-w-0 flex-1">
          <div className="flex items-start justify-between gap-2">
            <h2 className="font-medium" data-user-text>
              {p.name}
            </h2>
            <span className="shrink-0 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{t(p.kind)}</span>
          </div>
          {p.description ? (
            <p className="mt-1 text-sm text-slate-600" data-user-text>
              {p.description}
            </p>
          ) : null}
          <div className="mt-2 flex items-baseline gap-2" data-testid={`price-${p.id}`}>
            {percent ? (
              <>
                <span className="text-lg font-semibold text-amber-800 tabular-nums">
                  {formatFen(vipUnitPriceFen(p.priceFen, percent), locale)}
                </span>
                <span className="text-xs text-amber-800">{t("vipPrice")}</span>
                <s className="text-sm text-slate-500 tabular-nums">{formatFen(p.priceFen, locale)}</s>
              </>
            ) : (
              <span className="text-lg font-semibold tabular-nums">{formatFen(p.priceFen, locale)}</span>
            )}
          </div>
          <p className="text-xs text-slate-600">{p.stock > 0 ? t("stock", { count: p.stock }) : t("soldOut")}</p>
        </div>
      </div>
      {p.stock > 0 ? <AddToCart p={p} /> : null}
    </Card>
  );
}

async function AddToCart({ p }: { p: Product }) {
  const t = await getTranslations("portal.shop");
  return (
    <ActionForm action={setCartAction} className="mt-3 flex items-end gap-2" testId={`add-${p.id}`}>
      <input type="hidden" name="productId" value={p.id} />
      <label className="text-sm">
        <span className="sr-only">{withUserText((name) => t("quantityOf", { name }), p.name)}</span>
        <input
          name="quantity"
          type="number"
          min={1}
          max={Math.min(99, p.stock)}
          defaultValue={1}
          inputMode="numeric"
          className="w-20 rounded-md border border-slate-300 px-2 py-2 text-base"
        />
      </label>
      <Button type="submit" variant="secondary" className="flex-1">
        {t("addToCart")}
      </Button>
      <FieldError name="quantity" />
    </ActionForm>
  );
}
