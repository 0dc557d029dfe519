"use client";
import { NextIntlClientProvider } from "next-intl";
import en from "@/lib/i18n/bundles/en";
import zh from "@/lib/i18n/bundles/zh-CN";
import type { Locale } from "@/lib/i18n/config";

const BUNDLES = { "zh-CN": zh, en } as const;

/**
 * The client components' messages, part of this script and not of the page: the browser loads
 * them once as a cached chunk (both locales, ~80 KB gzipped), and a page's payload carries only
 * the locale and time zone. Passing the messages from the server layout instead serialized all of
 * them (~120 KB) into every page's HTML and RSC payload (issue 14).
 */
export function IntlProvider({
  locale,
  timeZone,
  children,
}: {
  locale: Locale;
  timeZone: string;
  children: React.ReactNode;
}) {
  return (
    <NextIntlClientProvider locale={locale} timeZone={timeZone} messages={BUNDLES[locale]}>
      {children}
    </NextIntlClientProvider>
  );
}
