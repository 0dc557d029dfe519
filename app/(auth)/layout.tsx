import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { switchLocale } from "@/app/actions";

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("app");
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex items-center justify-between px-5 py-4">
        <Link href="/" className="text-lg font-bold text-brand-700">
          {t("name")}
        </Link>
        <LanguageSwitch switchLocale={switchLocale} />
      </header>
      <main className="flex flex-1 items-start justify-center px-5 pb-10 sm:items-center">
        <div className="w-full max-w-sm rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">{children}</div>
      </main>
    </div>
  );
}
