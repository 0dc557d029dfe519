"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { safeCallbackPath } from "@/lib/auth/safe-callback";
import type { SchemaAction } from "@/lib/actions/result";
import type { emptySchema } from "@/lib/tenancy/schemas";

export function SignInForm({
  applySavedLocale,
  next,
}: {
  applySavedLocale: SchemaAction<typeof emptySchema>;
  next: string;
}) {
  const t = useTranslations("auth");
  const router = useRouter();
  // The error is kept as what happened, not as a sentence: switching the language re-renders it.
  const [error, setError] = useState<{
    key: "rateLimited" | "companyClosed" | "invalidCredentials";
    seconds?: number;
  } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const res = await signIn("credentials", {
      identifier: String(data.get("identifier") ?? ""),
      password: String(data.get("password") ?? ""),
      redirect: false,
    });
    if (!res || res.error) {
      setPending(false);
      const wait = /^RATE_LIMITED:(\d+)$/.exec(res?.error ?? "");
      setError(
        wait
          ? { key: "rateLimited", seconds: Number(wait[1]) }
          : { key: res?.error === "COMPANY_CLOSED" ? "companyClosed" : "invalidCredentials" },
      );
      return;
    }
    await applySavedLocale({});
    // Checked again here: the page passes a checked value, but the form never trusts its props.
    router.replace(safeCallbackPath(next));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field label={t("identifier")} name="identifier" autoComplete="username" inputMode="email" required />
      <Field label={t("password")} name="password" type="password" autoComplete="current-password" required />
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-700">
          {error.key === "rateLimited" ? t("rateLimited", { seconds: error.seconds ?? 0 }) : t(error.key)}
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("signingIn") : t("signInButton")}
      </Button>
    </form>
  );
}
