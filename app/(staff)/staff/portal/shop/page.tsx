import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PRODUCT_KINDS } from "@/db/schema/portal";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import { buttonClass, inputClass, labelClass } from "@/components/tickets/order-bits";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { fenToYuanText } from "@/lib/billing/rules";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";
import { SHOP_ROLES } from "@/lib/portal/roles";
import { listProducts } from "@/lib/portal/shop/catalogue";
import { saveProductAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("portal.staffShop"))("title") };
}

type Product = Awaited<ReturnType<typeof listProducts>>[number];

async function ProductForm({ product }: { product?: Product }) {
  const t = await getTranslations("portal");
  const p = product;
  const id = (f: string) => `p${p?.id ?? "new"}-${f}`;
  return (
    <ActionForm action={saveProductAction} className="space-y-3" testId={p ? `product-form-${p.id}` : "product-form"}>
      {p ? <input type="hidden" name="id" value={p.id} /> : null}
      <div className="grid grid-cols-2 gap-3">
        <ProductBasics p={p} id={id} />
      </div>
      <div>
        <label htmlFor={id("description")} className={labelClass}>
          {t("staffShop.description")}
        </label>
        <textarea
          id={id("description")}
          name="description"
          rows={2}
          defaultValue={p?.description}
          className={inputClass}
        />
        <FieldError name="description" />
      </div>
      <div>
        <label htmlFor={id("photo")} className={labelClass}>
          {t("staffShop.photo")}
        </label>
        <input
          id={id("photo")}
          name="photos"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          className="text-sm"
        />
        <FieldError name="photos" />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="active" defaultChecked={p?.active ?? true} className="accent-brand-600" />
        {t("staffShop.active")}
      </label>
      <button type="submit" className={buttonClass}>
        {t("staffShop.save")}
      </button>
    </ActionForm>
  );
}

async function ProductBasics({ p, id }: { p: Product | undefined; id: (f: string) => string }) {
  const t = await getTranslations("portal");
  return (
    <>
      <div>
        <label htmlFor={id("kind")} className={labelClass}>
          {t("staffShop.kind")}
        </label>
        <select id={id("kind")} name="kind" defaultValue={p?.kind ?? "product"} className={inputClass}>
          {PRODUCT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`shop.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={id("name")} className={labelClass}>
          {t("staffShop.name")}
        </label>
        <input id={id("name")} name="name" defaultValue={p?.name} maxLength={100} className={inputClass} />
        <FieldError name="name" />
      </div>
      <div>
        <label htmlFor={id("price")} className={labelClass}>
          {t("staffShop.price")}
        </label>
        <input
          id={id("price")}
          name="price"
          inputMode="decimal"
          defaultValue={p ? fenToYuanText(p.priceFen) : ""}
          className={inputClass}
        />
        <FieldError name="price" />
      </div>
      <div>
        <label htmlFor={id("stock")} className={labelClass}>
          {t("staffShop.stock")}
        </label>
        <input
          id={id("stock")}
          name="stock"
          type="number"
          min={0}
          defaultValue={p?.stock ?? 0}
          className={inputClass}
        />
        <FieldError name="stock" />
      </div>
    </>
  );
}

export default async function StaffShopPage() {
  const user = await requireUser(SHOP_ROLES);
  const t = await getTranslations("portal");
  const locale = (await getLocale()) as Locale;
  const rows = await listProducts(getDb(), user.companyId, { activeOnly: false });
  return (
    <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
      <div className="space-y-4">
        <PageHeader
          title={t("staffShop.title")}
          subtitle={t("staffShop.subtitle")}
          actions={
            <Link href="/staff/portal/shop/orders" className="text-sm text-brand-700 hover:underline">
              {t("staffShop.ordersTitle")}
            </Link>
          }
        />
        {rows.length === 0 ? <EmptyState>{t("staffShop.empty")}</EmptyState> : null}
        {rows.map((p) => (
          <Card key={p.id}>
            <details>
              <summary className="flex cursor-pointer flex-wrap items-center justify-between gap-2">
                <span className="font-medium">
                  {p.name} <span className="text-xs text-slate-600">{t(`shop.${p.kind}`)}</span>
                </span>
                <span className="text-sm tabular-nums">
                  {formatFen(p.priceFen, locale)} · {t("shop.stock", { count: p.stock })} ·{" "}
                  {p.active ? t("staffShop.onSale") : t("staffShop.offSale")}
                </span>
              </summary>
              <div className="mt-3">
                <ProductForm product={p} />
              </div>
            </details>
          </Card>
        ))}
      </div>
      <Card title={t("staffShop.new")}>
        <ProductForm />
      </Card>
    </div>
  );
}
