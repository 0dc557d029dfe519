"use client";
import { NextIntlClientProvider } from "next-intl";
import type { Locale } from "@/lib/i18n/config";
import type { Messages } from "@/lib/i18n/messages";

export interface BundleProviderProps {
  timeZone: string;
  children: React.ReactNode;
}

/**
 * A client provider whose messages are part of the script, not of the page: the browser loads a
 * locale's messages once as a cached chunk, and a page's payload carries only the locale and time
 * zone. Passing the messages from the server layout instead serialized all of them (~120 KB) into
 * every page's HTML and RSC payload: at 50,000 households that was a third of a resident page's
 * server time (issue 14).
 */
export function bundleProvider(locale: Locale, messages: Messages) {
  return function BundleProvider({ timeZone, children }: BundleProviderProps) {
    return (
      <NextIntlClientProvider locale={locale} timeZone={timeZone} messages={messages}>
        {children}
      </NextIntlClientProvider>
    );
  };
}
