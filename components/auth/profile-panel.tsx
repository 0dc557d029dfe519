"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { changePasswordSchema, type emptySchema, type localeSchema } from "@/lib/tenancy/schemas";
import type { SchemaAction } from "@/lib/actions/result";

export function ProfilePanel({
  switchLocale,
  changePasswordAction,
  signOutEverywhereAction,
  name,
  phone,
  email,
}: {
  switchLocale: SchemaAction<typeof localeSchema>;
  changePasswordAction: SchemaAction<typeof changePasswordSchema>;
  signOutEverywhereAction: SchemaAction<typeof emptySchema>;
  name: string;
  phone: string | null;
  email: string | null;
}) {
  const t = useTranslations();
  const [done, setDone] = useState(false);
  const { form, onSubmit, errorOf, formError, submitting } = useActionForm(changePasswordSchema, changePasswordAction, {
    defaultValues: { currentPassword: "", newPassword: "" },
    onSuccess: async () => {
      setDone(true);
      await signOut({ callbackUrl: "/sign-in" });
    },
  });
  return (
    <div className="space-y-4">
      <AccountCard name={name} phone={phone} email={email} />
      <Card title={t("profile.languageTitle")}>
        <LanguageSwitch switchLocale={switchLocale} />
      </Card>
      <Card title={t("profile.passwordTitle")}>
        <form onSubmit={onSubmit} className="space-y-3" noValidate>
          <Field
            label={t("profile.currentPassword")}
            type="password"
            autoComplete="current-password"
            error={errorOf("currentPassword")}
            {...form.register("currentPassword")}
          />
          <Field
            label={t("profile.newPassword")}
            type="password"
            autoComplete="new-password"
            hint={t("auth.passwordHint")}
            error={errorOf("newPassword")}
            {...form.register("newPassword")}
          />
          {formError ? (
            <p role="alert" className="text-sm text-red-600">
              {t(formError)}
            </p>
          ) : null}
          {done ? (
            <p role="status" className="text-sm text-brand-700">
              {t("profile.passwordChanged")}
            </p>
          ) : null}
          <Button type="submit" disabled={submitting}>
            {t("profile.changePassword")}
          </Button>
        </form>
      </Card>
      <SessionsCard signOutEverywhereAction={signOutEverywhereAction} />
    </div>
  );
}

/** Who is signed in: name, phone and email. */
function AccountCard({ name, phone, email }: { name: string; phone: string | null; email: string | null }) {
  const t = useTranslations();
  return (
    <Card title={t("profile.account")}>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">{t("admin.name")}</dt>
        <dd data-user-text>{name}</dd>
        <dt className="text-slate-500">{t("auth.phone")}</dt>
        <dd>{phone ?? "—"}</dd>
        <dt className="text-slate-500">{t("auth.email")}</dt>
        <dd className="break-all">{email ?? "—"}</dd>
      </dl>
    </Card>
  );
}

/** Signs this account out on every device, then this one. */
function SessionsCard({ signOutEverywhereAction }: { signOutEverywhereAction: SchemaAction<typeof emptySchema> }) {
  const t = useTranslations();
  return (
    <Card title={t("profile.sessionsTitle")}>
      <p className="mb-3 text-sm text-slate-600">{t("profile.sessionsHelp")}</p>
      <Button
        variant="secondary"
        onClick={async () => {
          const res = await signOutEverywhereAction({});
          if (res.ok) await signOut({ callbackUrl: "/sign-in" });
        }}
      >
        {t("profile.signOutEverywhere")}
      </Button>
    </Card>
  );
}
