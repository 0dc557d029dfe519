"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormFooter } from "@/components/registry/form-footer";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { SMS_KINDS, SMS_PROVIDERS } from "@/db/schema/messaging";
import type { SchemaAction } from "@/lib/actions/result";
import { smsSettingsSchema } from "@/lib/outbox/sms/schemas";

export interface SmsSettingsView {
  provider: (typeof SMS_PROVIDERS)[number];
  signName: string;
  appId: string;
  templates: Partial<Record<string, string>>;
  keyHint: string | null;
  quietStartMinute: number;
  quietEndMinute: number;
}

/** "21:00" for 1260: the quiet-hours choices, every half hour. */
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
const HALF_HOURS = Array.from({ length: 48 }, (_, i) => ({ value: i * 30, label: hhmm(i * 30) }));

type SmsForm = ReturnType<typeof useActionForm<typeof smsSettingsSchema, null>>;

/** Quiet hours: start and end, every half hour. */
function QuietHours({ register, errorOf }: { register: SmsForm["form"]["register"]; errorOf: SmsForm["errorOf"] }) {
  const t = useTranslations("messaging.sms");
  return (
    <fieldset className="grid grid-cols-2 gap-3 sm:col-span-2">
      <legend className="mb-1 text-sm font-semibold text-slate-700">{t("quietHours")}</legend>
      <SelectField
        label={t("quietStart")}
        options={HALF_HOURS}
        error={errorOf("quietStartMinute")}
        {...register("quietStartMinute")}
      />
      <SelectField
        label={t("quietEnd")}
        options={HALF_HOURS}
        error={errorOf("quietEndMinute")}
        {...register("quietEndMinute")}
      />
      <p className="col-span-2 text-xs text-slate-500">{t("quietHint")}</p>
    </fieldset>
  );
}

/**
 * The company's SMS provider, its registered template code per message kind, and the quiet hours
 * (no non-urgent SMS or WeChat message inside them; start = end means none). Keys are never shown back.
 */
export function SmsSettingsForm({
  action,
  view,
}: {
  action: SchemaAction<typeof smsSettingsSchema>;
  view: SmsSettingsView;
}) {
  const t = useTranslations("messaging.sms");
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(smsSettingsSchema, action, {
    defaultValues: {
      provider: view.provider,
      signName: view.signName,
      appId: view.appId,
      templates: Object.fromEntries(SMS_KINDS.map((k) => [k, view.templates[k] ?? ""])),
      keyId: "",
      keySecret: "",
      quietStartMinute: view.quietStartMinute,
      quietEndMinute: view.quietEndMinute,
    },
    onSuccess: () => {
      setSaved(true);
      form.setValue("keyId", "");
      form.setValue("keySecret", "");
      router.refresh();
    },
  });
  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2" noValidate aria-label={t("title")}>
      <SelectField
        label={t("provider")}
        options={SMS_PROVIDERS.map((p) => ({ value: p, label: t(`providers.${p}`) }))}
        error={errorOf("provider")}
        {...form.register("provider")}
      />
      <Field label={t("signName")} error={errorOf("signName")} {...form.register("signName")} />
      <Field label={t("appId")} hint={t("appIdHint")} error={errorOf("appId")} {...form.register("appId")} />
      <Field
        label={t("keyId")}
        autoComplete="off"
        hint={view.keyHint ? t("keySet", { last4: view.keyHint }) : t("keyNotSet")}
        error={errorOf("keyId")}
        {...form.register("keyId")}
      />
      <Field
        type="password"
        autoComplete="new-password"
        label={t("keySecret")}
        error={errorOf("keySecret")}
        {...form.register("keySecret")}
      />
      <fieldset className="grid gap-3 sm:col-span-2 sm:grid-cols-3">
        <legend className="mb-1 text-sm font-semibold text-slate-700">{t("templates")}</legend>
        {SMS_KINDS.map((k) => (
          <Field
            key={k}
            label={t(`kinds.${k}`)}
            error={errorOf(`templates.${k}`)}
            {...form.register(`templates.${k}`)}
          />
        ))}
      </fieldset>
      <QuietHours register={form.register} errorOf={errorOf} />
      <div className="sm:col-span-2">
        <FormFooter submitting={submitting} saved={saved} formError={formError} label={t("save")} />
      </div>
    </form>
  );
}
