"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { safeCallbackPath } from "@/lib/auth/safe-callback";
import type { SchemaAction } from "@/lib/actions/result";
import type { requestCodeSchema } from "@/lib/tenancy/schemas";

/**
 * Sign-in with a phone and a 6-digit SMS code: "send code", then the code, then the same session as a
 * password. With `provider="wechat"` and the OAuth ticket in `extra` it binds the WeChat openid first.
 */
export function PhoneCodeForm({
  requestCode,
  afterSignIn,
  next,
  provider = "phone-code",
  extra,
}: {
  requestCode: SchemaAction<typeof requestCodeSchema>;
  afterSignIn: () => Promise<unknown>;
  next: string;
  provider?: "phone-code" | "wechat";
  extra?: Record<string, string>;
}) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [phone, setPhone] = useState("");
  const [phoneError, setPhoneError] = useState<string | undefined>();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function send() {
    setPending(true);
    setPhoneError(undefined);
    const res = await requestCode({ phone });
    setPending(false);
    if (!res.ok) return setPhoneError(res.fieldErrors?.phone?.[0] ?? res.message);
    setSent(true);
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const code = String(new FormData(e.currentTarget).get("code") ?? "").trim();
    setPending(true);
    setError(null);
    const res = await signIn(provider, { ...extra, phone, code, redirect: false });
    if (!res || res.error) {
      setPending(false);
      const wait = /^RATE_LIMITED:(\d+)$/.exec(res?.error ?? "");
      setError(
        wait
          ? t("rateLimited", { seconds: Number(wait[1]) })
          : res?.error === "COMPANY_CLOSED"
            ? t("companyClosed")
            : t("invalidCode"),
      );
      return;
    }
    await afterSignIn();
    router.replace(safeCallbackPath(next));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <PhoneRow phone={phone} setPhone={setPhone} error={phoneError} sent={sent} pending={pending} onSend={send} />
      <Field
        label={t("code")}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        pattern="[0-9]{6}"
        required
      />
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={pending || !sent}>
        {pending ? t("signingIn") : t("signInButton")}
      </Button>
    </form>
  );
}

/** The phone input with its "send code" button and, once sent, the neutral "a code is on its way". */
function PhoneRow(p: {
  phone: string;
  setPhone: (v: string) => void;
  error?: string;
  sent: boolean;
  pending: boolean;
  onSend: () => void;
}) {
  const t = useTranslations("auth");
  return (
    <>
      <div className="flex items-end gap-2">
        <Field
          className="flex-1"
          label={t("phone")}
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={p.phone}
          onChange={(e) => p.setPhone(e.target.value)}
          error={p.error}
          required
        />
        <Button type="button" variant="secondary" onClick={p.onSend} disabled={p.pending} className="shrink-0">
          {p.sent ? t("resendCode") : t("sendCode")}
        </Button>
      </div>
      {p.sent ? (
        <p role="status" className="rounded-md bg-brand-50 p-2 text-sm text-slate-700">
          {t("codeSent")}
        </p>
      ) : null}
    </>
  );
}
