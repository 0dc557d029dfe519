import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { RegisterForm } from "@/components/residents/register-form";
import { homePathFor } from "@/lib/auth/roles";
import { getSessionUser } from "@/app/_lib/session";
import { registerAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("residents"))("register.title") };
}

export default async function RegisterPage() {
  const user = await getSessionUser();
  if (user) redirect(homePathFor(user.roles));
  const t = await getTranslations("residents.register");
  return (
    <>
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="mb-5 mt-1 text-sm text-slate-600">{t("subtitle")}</p>
      <RegisterForm registerAction={registerAction} />
      <p className="mt-5 text-sm text-slate-600">
        {t("haveAccount")}{" "}
        <Link href="/sign-in" className="font-medium text-brand-700 hover:underline">
          {t("signIn")}
        </Link>
      </p>
    </>
  );
}
