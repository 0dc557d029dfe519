import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInTabs } from "@/components/auth/sign-in-tabs";
import { homePathFor } from "@/lib/auth/roles";
import { safeCallbackPath } from "@/lib/auth/safe-callback";
import { getSessionUser } from "@/app/_lib/session";
import { applySavedLocale } from "@/app/actions";
import { requestCodeAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("signInTitle") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const user = await getSessionUser();
  if (user) redirect(homePathFor(user.roles));
  const t = await getTranslations("auth");
  const tr = await getTranslations("residents.register");
  const { callbackUrl } = await searchParams;
  const next = safeCallbackPath(callbackUrl);
  return (
    <>
      <h1 className="text-xl font-semibold">{t("signInTitle")}</h1>
      <p className="mb-5 mt-1 text-sm text-slate-600">{t("signInSubtitle")}</p>
      <SignInTabs applySavedLocale={applySavedLocale} requestCode={requestCodeAction} next={next} />
      <p className="mt-5 text-sm text-slate-600">
        {t("noAccount")}{" "}
        <Link href="/sign-up" className="font-medium text-brand-700 hover:underline">
          {t("registerCompany")}
        </Link>
      </p>
      <p className="mt-2 text-sm">
        <Link href="/register" className="font-medium text-brand-700 hover:underline">
          {tr("fromSignIn")}
        </Link>
      </p>
    </>
  );
}
