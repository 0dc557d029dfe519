import type { Locale } from "./config";

/**
 * Intl formatters by locale, time zone and kind. Building one costs ICU far more than formatting
 * with it (a page of 50 orders spent ~9 ms of its render constructing date formats); there are
 * only a few combinations (two locales × the companies' zones), bounded here all the same.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) {
    if (formatters.size >= 256) formatters.clear();
    f = make();
    formatters.set(key, f);
  }
  return f;
}

/**
 * Formats integer fen as CNY without floating point: the amount is handed to Intl as a
 * decimal string ("1234.05"), which Intl formats exactly.
 */
export function formatFen(fen: number | bigint, locale: Locale): string {
  const value = BigInt(fen);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const yuan = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, "0");
  const decimal = `${negative ? "-" : ""}${yuan}.${cents}`;
  return formatter(
    `fen|${locale}`,
    () => new Intl.NumberFormat(locale, { style: "currency", currency: "CNY", currencyDisplay: "symbol" }),
  ).format(
    decimal as unknown as number, // Intl.NumberFormat accepts decimal strings (ES2023 Intl.NumberFormat v3)
  );
}

/** Formats an area stored in hundredths of a square metre. */
export function formatArea(centiM2: number, locale: Locale): string {
  const whole = Math.trunc(centiM2 / 100);
  const frac = String(Math.abs(centiM2 % 100)).padStart(2, "0");
  const f = formatter(`area|${locale}`, () => new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }));
  return `${f.format(`${whole}.${frac}` as unknown as number)} m²`;
}

export function formatDateTime(date: Date, locale: Locale, timeZone: string): string {
  return formatter(
    `datetime|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }),
  ).format(date);
}

export function formatDate(date: Date, locale: Locale, timeZone: string): string {
  return formatter(
    `date|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }),
  ).format(date);
}
