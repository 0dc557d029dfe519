"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";

export function SignOutButton({ className = "" }: { className?: string }) {
  const t = useTranslations("auth");
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/sign-in" })}
      className={`text-sm text-slate-600 hover:text-slate-900 ${className}`}
    >
      {t("signOut")}
    </button>
  );
}
