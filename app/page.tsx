import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { homePathFor } from "@/lib/auth/roles";
import { getSessionUser } from "@/app/_lib/session";
import { switchLocale } from "@/app/actions";

export default async function LandingPage() {
  const user = await getSessionUser();
  if (user) redirect(homePathFor(user.roles));
  const t = await getTranslations("app");
  const tr = await getTranslations("residents.register");
  const features = ["residents", "billing", "crm", "operations"] as const;
  return (
    <main className="mx-auto flex min-h-dvh max-w-3xl flex-col px-5 py-6">
      <header className="flex items-center justify-between">
        <span className="text-lg font-bold text-brand-700">{t("name")}</span>
        <LanguageSwitch switchLocale={switchLocale} />
      </header>
      <section className="flex flex-1 flex-col justify-center gap-6 py-10">
        <h1 className="text-3xl font-bold leading-tight text-slate-900 sm:text-4xl">{t("fullName")}</h1>
        <p className="text-base text-slate-600">{t("tagline")}</p>
        <ul className="grid gap-2 sm:grid-cols-2">
          {features.map((f) => (
            <li key={f} className="rounded-md bg-white p-3 text-sm shadow-sm ring-1 ring-slate-200">
              {t(`features.${f}`)}
            </li>
          ))}
        </ul>
        <div className="flex flex-wrap gap-3">
          <Link
            href="/sign-up"
            className="rounded-md bg-brand-600 px-5 py-2.5 text-sm font-medium text-white hover:bg-brand-700"
          >
            {t("getStarted")}
          </Link>
          <Link
            href="/sign-in"
            className="rounded-md bg-white px-5 py-2.5 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
          >
            {t("signIn")}
          </Link>
          <Link
            href="/register"
            className="rounded-md px-5 py-2.5 text-sm font-medium text-brand-700 hover:bg-brand-50"
          >
            {tr("fromLanding")}
          </Link>
        </div>
      </section>
    </main>
  );
}
