"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { forwardRef, useId, useState, type TextareaHTMLAttributes } from "react";
import { FormFooter } from "@/components/registry/form-footer";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import type { SchemaAction } from "@/lib/actions/result";
import { alipayAccountSchema, wechatAccountSchema } from "@/lib/billing/payment-accounts/schemas";

type Hints = Record<string, string>;

/** A labelled textarea (PEM keys) with its translated error. */
const Area = forwardRef<
  HTMLTextAreaElement,
  TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; error?: string; hint?: string }
>(function Area({ label, error, hint, ...props }, ref) {
  const t = useTranslations();
  const id = useId();
  return (
    <div className="sm:col-span-2">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        ref={ref}
        id={id}
        rows={3}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs shadow-sm"
        {...props}
      />
      {error ? (
        <p role="alert" className="mt-1 text-sm text-red-600">
          {t(error)}
        </p>
      ) : hint ? (
        <p className="mt-1 text-xs text-slate-500">{hint}</p>
      ) : null}
    </div>
  );
});

/** "Set · ends in abcd" for a stored secret, "not set" otherwise — the secret itself is never sent back. */
function useSecretHint() {
  const t = useTranslations("billing.accounts");
  return (hints: Hints | undefined, name: string) =>
    hints?.[name] ? t("secretSet", { last4: hints[name] }) : t("secretNotSet");
}

function Toggles({ register }: { register: (name: "enabled" | "useForResidents") => object }) {
  const t = useTranslations("billing.accounts");
  return (
    <div className="flex flex-wrap gap-4 text-sm sm:col-span-2">
      <label className="flex items-center gap-2">
        <input type="checkbox" className="h-4 w-4" {...register("enabled")} />
        {t("enabled")}
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" className="h-4 w-4" {...register("useForResidents")} />
        {t("useForResidents")}
      </label>
    </div>
  );
}

export function WechatAccountForm({
  action,
  config,
  hints,
  enabled,
  useForResidents,
}: {
  action: SchemaAction<typeof wechatAccountSchema>;
  config: Record<string, string>;
  hints?: Hints;
  enabled: boolean;
  useForResidents: boolean;
}) {
  const t = useTranslations("billing.accounts");
  const hint = useSecretHint();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(wechatAccountSchema, action, {
    defaultValues: {
      enabled,
      useForResidents,
      mode: config.mode === "partner" ? "partner" : "direct",
      baseUrl: "https://api.mch.weixin.qq.com",
      ...config,
      privateKey: "",
      apiV3Key: "",
    },
    onSuccess: () => {
      setSaved(true);
      form.setValue("privateKey", "");
      form.setValue("apiV3Key", "");
      router.refresh();
    },
  });
  const f = (name: "mchId" | "appId" | "subMchId" | "subAppId" | "serialNo" | "platformSerial" | "baseUrl") => (
    <Field label={t(`wechat.${name}`)} error={errorOf(name)} {...form.register(name)} />
  );
  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2" noValidate aria-label={t("wechat.title")}>
      <Toggles register={(n) => form.register(n)} />
      <SelectField
        label={t("wechat.mode")}
        options={(["direct", "partner"] as const).map((m) => ({ value: m, label: t(`wechat.modes.${m}`) }))}
        {...form.register("mode")}
      />
      {f("baseUrl")}
      {f("mchId")}
      {f("appId")}
      {f("subMchId")}
      {f("subAppId")}
      {f("serialNo")}
      {f("platformSerial")}
      <Area
        label={t("wechat.platformPublicKey")}
        error={errorOf("platformPublicKey")}
        {...form.register("platformPublicKey")}
      />
      <Area
        label={t("wechat.privateKey")}
        hint={hint(hints, "privateKey")}
        error={errorOf("privateKey")}
        autoComplete="off"
        {...form.register("privateKey")}
      />
      <Field
        type="password"
        autoComplete="new-password"
        label={t("wechat.apiV3Key")}
        hint={hint(hints, "apiV3Key")}
        error={errorOf("apiV3Key")}
        {...form.register("apiV3Key")}
      />
      <div className="sm:col-span-2">
        <FormFooter submitting={submitting} saved={saved} formError={formError} label={t("save")} />
      </div>
    </form>
  );
}

export function AlipayAccountForm({
  action,
  config,
  hints,
  enabled,
  useForResidents,
}: {
  action: SchemaAction<typeof alipayAccountSchema>;
  config: Record<string, string>;
  hints?: Hints;
  enabled: boolean;
  useForResidents: boolean;
}) {
  const t = useTranslations("billing.accounts");
  const hint = useSecretHint();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(alipayAccountSchema, action, {
    defaultValues: {
      enabled,
      useForResidents,
      gateway: "https://openapi.alipay.com/gateway.do",
      ...config,
      appPrivateKey: "",
    },
    onSuccess: () => {
      setSaved(true);
      form.setValue("appPrivateKey", "");
      router.refresh();
    },
  });
  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2" noValidate aria-label={t("alipay.title")}>
      <Toggles register={(n) => form.register(n)} />
      <Field label={t("alipay.appId")} error={errorOf("appId")} {...form.register("appId")} />
      <Field label={t("alipay.gateway")} error={errorOf("gateway")} {...form.register("gateway")} />
      <Area
        label={t("alipay.alipayPublicKey")}
        error={errorOf("alipayPublicKey")}
        {...form.register("alipayPublicKey")}
      />
      <Area
        label={t("alipay.appPrivateKey")}
        hint={hint(hints, "appPrivateKey")}
        error={errorOf("appPrivateKey")}
        autoComplete="off"
        {...form.register("appPrivateKey")}
      />
      <div className="sm:col-span-2">
        <FormFooter submitting={submitting} saved={saved} formError={formError} label={t("save")} />
      </div>
    </form>
  );
}
