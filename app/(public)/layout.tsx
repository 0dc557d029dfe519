import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { switchLocale } from "@/app/actions";

/** Documents anyone may read (privacy notice, data-processing agreement), signed in or not. */
export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("app");
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex items-center justify-between px-5 py-4">
        <Link href="/" className="text-lg font-bold text-brand-700">
          {t("name")}
        </Link>
        <LanguageSwitch switchLocale={switchLocale} />
      </header>
      <main className="flex-1 px-4 pb-10">
        <div className="mx-auto w-full max-w-2xl rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-8">
          {children}
        </div>
      </main>
    </div>
  );
}
