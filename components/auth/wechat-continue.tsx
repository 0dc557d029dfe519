"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { PhoneCodeForm } from "@/components/auth/phone-code-form";
import type { SchemaAction } from "@/lib/actions/result";
import type { emptySchema } from "@/lib/tenancy/schemas";
import type { requestCodeSchema } from "@/lib/tenancy/schemas";

/**
 * Signs in with the one-time ticket from the WeChat OAuth callback (the openid is already bound),
 * then goes home. A spent or expired ticket shows the error and a way back.
 */
export function WechatContinue({
  ticket,
  applySavedLocale,
}: {
  ticket: string | null;
  applySavedLocale: SchemaAction<typeof emptySchema>;
}) {
  const t = useTranslations("messaging.wechatSignIn");
  const router = useRouter();
  const [failed, setFailed] = useState(!ticket);
  const started = useRef(false);
  useEffect(() => {
    if (!ticket || started.current) return;
    started.current = true;
    void signIn("wechat", { ticket, redirect: false }).then(async (res) => {
      if (!res || res.error) return setFailed(true);
      await applySavedLocale({});
      router.replace("/");
      router.refresh();
    });
  }, [ticket, applySavedLocale, router]);
  if (!failed)
    return (
      <p role="status" className="text-sm text-slate-600">
        {t("signingIn")}
      </p>
    );
  return (
    <div className="space-y-3">
      <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-700">
        {t("failed")}
      </p>
      <Link href="/sign-in" className="text-sm font-medium text-brand-700 hover:underline">
        {t("toSignIn")}
      </Link>
    </div>
  );
}

/** First WeChat sign-in: the phone-code form whose sign-in binds the ticket's openid to the account. */
export function WechatBindForm({
  ticket,
  requestCode,
  applySavedLocale,
}: {
  ticket: string;
  requestCode: SchemaAction<typeof requestCodeSchema>;
  applySavedLocale: SchemaAction<typeof emptySchema>;
}) {
  return (
    <PhoneCodeForm
      requestCode={requestCode}
      afterSignIn={() => applySavedLocale({})}
      next="/"
      provider="wechat"
      extra={{ ticket }}
    />
  );
}
