"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { AcceptBox } from "@/components/privacy/accept-box";
import { Field } from "@/components/ui/field";
import { signUpSchema } from "@/lib/tenancy/schemas";
import type { SchemaAction } from "@/lib/actions/result";

export function SignUpForm({ signUpAction }: { signUpAction: SchemaAction<typeof signUpSchema> }) {
  const t = useTranslations();
  const router = useRouter();
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(signUpSchema, signUpAction, {
    defaultValues: { companyName: "", name: "", phone: "", email: "", password: "", acceptDpa: false },
    onSuccess: async () => {
      const { phone, password } = form.getValues();
      await signIn("credentials", { identifier: phone, password, redirect: false });
      router.replace("/staff");
      router.refresh();
    },
  });
  const { register } = form;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field
        label={t("auth.companyName")}
        autoComplete="organization"
        error={errorOf("companyName")}
        {...register("companyName")}
      />
      <Field label={t("auth.yourName")} autoComplete="name" error={errorOf("name")} {...register("name")} />
      <Field
        label={t("auth.phone")}
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        error={errorOf("phone")}
        {...register("phone")}
      />
      <Field
        label={t("auth.email")}
        type="email"
        autoComplete="email"
        error={errorOf("email")}
        {...register("email")}
      />
      <Field
        label={t("auth.password")}
        type="password"
        autoComplete="new-password"
        hint={t("auth.passwordHint")}
        error={errorOf("password")}
        {...register("password")}
      />
      <AcceptBox
        label={t("privacy.dpa.accept")}
        href="/privacy/dpa"
        linkText={t("privacy.dpa.read")}
        error={errorOf("acceptDpa")}
        {...register("acceptDpa")}
      />
      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-700">
          {t(formError)}
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={submitting}>
        {submitting ? t("auth.signingUp") : t("auth.signUpButton")}
      </Button>
    </form>
  );
}
