import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { signUpAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("signUpTitle") };
}

export default async function SignUpPage() {
  const t = await getTranslations("auth");
  return (
    <>
      <h1 className="text-xl font-semibold">{t("signUpTitle")}</h1>
      <p className="mb-5 mt-1 text-sm text-slate-600">{t("signUpSubtitle")}</p>
      <SignUpForm signUpAction={signUpAction} />
      <p className="mt-5 text-sm text-slate-600">
        {t("haveAccount")}{" "}
        <Link href="/sign-in" className="font-medium text-brand-700 hover:underline">
          {t("signInButton")}
        </Link>
      </p>
    </>
  );
}
