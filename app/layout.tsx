import type { Metadata, Viewport } from "next";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { IntlProvider } from "@/components/i18n/intl-provider";
import { ViewportHint } from "@/components/shell/viewport-hint";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/config";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return {
    title: { default: t("fullName"), template: `%s · ${t("name")}` },
    description: t("tagline"),
    icons: { apple: "/icons/apple-touch-icon.png" },
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#167257" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, timeZone] = await Promise.all([getLocale(), getTimeZone()]);
  return (
    <html lang={locale}>
      <body className="min-h-dvh">
        {/* Client components' messages come with the provider's script (cached), not in the page. */}
        <IntlProvider locale={isLocale(locale) ? locale : DEFAULT_LOCALE} timeZone={timeZone}>
          {children}
        </IntlProvider>
        <ViewportHint />
      </body>
    </html>
  );
}
