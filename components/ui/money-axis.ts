"use client";

import { useLocale } from "next-intl";
import { formatMoneyAxis } from "@/lib/i18n/axis";
import type { Locale } from "@/lib/i18n/config";

/** Chart formatters for amounts in whole yuan: short axis ticks (¥ 34 万 / ¥340k) and full tooltip values. */
export function useMoneyAxis() {
  const locale = useLocale() as Locale;
  const full = new Intl.NumberFormat(locale, { style: "currency", currency: "CNY", maximumFractionDigits: 0 });
  return {
    money: (v: number) => formatMoneyAxis(v, locale),
    /** The "rate" series is a percent, everything else money. */
    tooltip: (v: unknown, name: unknown, item: { dataKey?: unknown } | undefined) =>
      [
        typeof v !== "number" ? String(v ?? "—") : item?.dataKey === "rate" ? `${v}%` : full.format(v),
        String(name),
      ] as [string, string],
  };
}
