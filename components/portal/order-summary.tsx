import { getLocale, getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";

/** An order's lines and totals (as the server priced them). */
export async function OrderSummary({
  order,
}: {
  order: {
    subtotalFen: number;
    discountPercent: number;
    discountFen: number;
    totalFen: number;
    lines: { id: number; name: string; quantity: number; unitPriceFen: number; lineFen: number }[];
  };
}) {
  const t = await getTranslations("portal.shop");
  const locale = (await getLocale()) as Locale;
  return (
    <div className="text-sm">
      <ul className="divide-y divide-slate-100">
        {order.lines.map((l) => (
          <li key={l.id} className="flex justify-between gap-2 py-1.5">
            <span>
              <span data-user-text>{l.name}</span> × {l.quantity}
            </span>
            <span className="tabular-nums">{formatFen(l.lineFen, locale)}</span>
          </li>
        ))}
      </ul>
      <dl className="mt-2 space-y-1 border-t border-slate-200 pt-2">
        <div className="flex justify-between">
          <dt>{t("subtotal")}</dt>
          <dd className="tabular-nums">{formatFen(order.subtotalFen, locale)}</dd>
        </div>
        {order.discountFen ? (
          <div className="flex justify-between text-amber-800" data-testid="order-discount">
            <dt>{t("discount", { percent: order.discountPercent })}</dt>
            <dd className="tabular-nums">−{formatFen(order.discountFen, locale)}</dd>
          </div>
        ) : null}
        <div className="flex justify-between text-base font-semibold">
          <dt>{t("total")}</dt>
          <dd className="tabular-nums" data-testid="order-total">
            {formatFen(order.totalFen, locale)}
          </dd>
        </div>
      </dl>
    </div>
  );
}
