import type { Metadata, Viewport } from "next";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { EnIntlProvider } from "@/components/i18n/intl-provider-en";
import { ZhIntlProvider } from "@/components/i18n/intl-provider-zh";
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
  // Client components' messages come with the script of the locale's provider (cached), not in the page.
  const IntlProvider = locale === "en" ? EnIntlProvider : ZhIntlProvider;
  return (
    <html lang={locale}>
      <body className="min-h-dvh">
        <IntlProvider timeZone={timeZone}>{children}</IntlProvider>
      </body>
    </html>
  );
}
