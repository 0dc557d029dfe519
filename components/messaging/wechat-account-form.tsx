"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormFooter } from "@/components/registry/form-footer";
import { Field } from "@/components/ui/field";
import { WECHAT_KINDS } from "@/db/schema/wechat";
import type { SchemaAction } from "@/lib/actions/result";
import { WECHAT_PARAMS } from "@/lib/outbox/wechat/rules";
import { wechatAccountSchema } from "@/lib/outbox/wechat/schemas";

export interface WechatAccountView {
  enabled: boolean;
  appId: string;
  secretHint: string | null;
  apiBaseUrl: string;
  oauthBaseUrl: string;
  templates: Record<string, { templateId: string; fields: string }>;
}

/** One kind's template: its id and the "field=parameter" lines, with the parameters it may use. */
function TemplateRow({
  kind,
  register,
  errorOf,
}: {
  kind: (typeof WECHAT_KINDS)[number];
  register: ReturnType<typeof useActionForm<typeof wechatAccountSchema, null>>["form"]["register"];
  errorOf: (name: string) => string | undefined;
}) {
  const t = useTranslations("messaging.wechat");
  const tr = useTranslations();
  const id = useId();
  const fieldsError = errorOf(`templates.${kind}.fields`);
  return (
    <fieldset
      className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-2"
      aria-label={t(`kinds.${kind}`)}
    >
      <legend className="px-1 text-sm font-semibold text-slate-700">{t(`kinds.${kind}`)}</legend>
      <Field
        label={t("templateId")}
        error={errorOf(`templates.${kind}.templateId`)}
        {...register(`templates.${kind}.templateId`)}
      />
      <div>
        <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
          {t("fields")}
        </label>
        <textarea
          id={id}
          rows={3}
          spellCheck={false}
          aria-invalid={fieldsError ? true : undefined}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs shadow-sm"
          {...register(`templates.${kind}.fields`)}
        />
        {fieldsError ? (
          <p role="alert" className="mt-1 text-sm text-red-600">
            {tr(fieldsError)}
          </p>
        ) : (
          <p className="mt-1 text-xs text-slate-500">{t("fieldsHint", { params: WECHAT_PARAMS[kind].join(", ") })}</p>
        )}
      </div>
    </fieldset>
  );
}

/**
 * The company's WeChat official account (公众号): AppID, AppSecret (never shown back), the API base
 * URLs, and the template id + field mapping per message kind.
 */
export function WechatAccountForm({
  action,
  view,
}: {
  action: SchemaAction<typeof wechatAccountSchema>;
  view: WechatAccountView;
}) {
  const t = useTranslations("messaging.wechat");
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(wechatAccountSchema, action, {
    defaultValues: {
      enabled: view.enabled,
      appId: view.appId,
      appSecret: "",
      apiBaseUrl: view.apiBaseUrl,
      oauthBaseUrl: view.oauthBaseUrl,
      templates: Object.fromEntries(WECHAT_KINDS.map((k) => [k, view.templates[k] ?? { templateId: "", fields: "" }])),
    },
    onSuccess: () => {
      setSaved(true);
      form.setValue("appSecret", "");
      router.refresh();
    },
  });
  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2" noValidate aria-label={t("title")}>
      <label className="flex items-center gap-2 text-sm sm:col-span-2">
        <input type="checkbox" className="h-4 w-4" {...form.register("enabled")} />
        {t("enabled")}
      </label>
      <Field label={t("appId")} error={errorOf("appId")} {...form.register("appId")} />
      <Field
        type="password"
        autoComplete="new-password"
        label={t("appSecret")}
        hint={view.secretHint ? t("secretSet", { last4: view.secretHint }) : t("secretNotSet")}
        error={errorOf("appSecret")}
        {...form.register("appSecret")}
      />
      <Field label={t("apiBaseUrl")} error={errorOf("apiBaseUrl")} {...form.register("apiBaseUrl")} />
      <Field label={t("oauthBaseUrl")} error={errorOf("oauthBaseUrl")} {...form.register("oauthBaseUrl")} />
      <div className="grid gap-3 sm:col-span-2">
        {WECHAT_KINDS.map((k) => (
          <TemplateRow key={k} kind={k} register={form.register} errorOf={errorOf} />
        ))}
      </div>
      <div className="sm:col-span-2">
        <FormFooter submitting={submitting} saved={saved} formError={formError} label={t("save")} />
      </div>
    </form>
  );
}
