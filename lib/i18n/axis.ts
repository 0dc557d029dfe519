import type { Locale } from "./config";

/**
 * Money on a chart axis, short and in the reader's way of counting (amounts in whole yuan):
 * Chinese groups by 万 and 亿 (¥ 34 万, ¥ 1.2 亿), English by thousands (¥340k, ¥1.2M).
 * Below ten thousand (Chinese) or a thousand (English) the plain amount is shown.
 */
export function formatMoneyAxis(yuan: number, locale: Locale): string {
  const sign = yuan < 0 ? "-" : "";
  const abs = Math.abs(yuan);
  const short = (n: number) => new Intl.NumberFormat("en", { maximumFractionDigits: n < 10 ? 1 : 0 }).format(n);
  if (locale === "zh-CN") {
    if (abs >= 1e8) return `${sign}¥ ${short(abs / 1e8)} 亿`;
    if (abs >= 1e4) return `${sign}¥ ${short(abs / 1e4)} 万`;
    return `${sign}¥ ${new Intl.NumberFormat("zh-CN").format(Math.round(abs))}`;
  }
  if (abs >= 1e9) return `${sign}¥${short(abs / 1e9)}B`;
  if (abs >= 1e6) return `${sign}¥${short(abs / 1e6)}M`;
  if (abs >= 1e3) return `${sign}¥${short(abs / 1e3)}k`;
  return `${sign}¥${Math.round(abs)}`;
}

/** A share as a whole percent for an axis (0.123 → "12%"). */
export const formatPercentAxis = (share: number) => `${Math.round(share * 100)}%`;
