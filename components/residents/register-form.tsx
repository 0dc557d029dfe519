"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { AcceptBox } from "@/components/privacy/accept-box";
import { Field } from "@/components/ui/field";
import { registerSchema } from "@/lib/residents/schemas";
import { RelationPicker } from "./relation-picker";
import type { SchemaAction } from "@/lib/actions/result";

/** Resident registration with a household code; on success the person is signed in and lands on /home. */
export function RegisterForm({ registerAction }: { registerAction: SchemaAction<typeof registerSchema> }) {
  const t = useTranslations();
  const router = useRouter();
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(registerSchema, registerAction, {
    defaultValues: { code: "", name: "", phone: "", password: "", relation: "owner", acceptPrivacy: false },
    onSuccess: async () => {
      const { phone, password } = form.getValues();
      await signIn("credentials", { identifier: phone, password, redirect: false });
      router.replace("/home");
      router.refresh();
    },
  });
  const { register } = form;
  const phoneError = errorOf("phone");
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field
        label={t("residents.register.code")}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        hint={t("residents.register.codeHint")}
        error={errorOf("code")}
        className="[&_input]:font-mono [&_input]:tracking-widest"
        {...register("code")}
      />
      <RelationPicker
        legend={t("residents.register.relation")}
        register={register("relation")}
        error={errorOf("relation")}
      />
      <Field label={t("residents.register.name")} autoComplete="name" error={errorOf("name")} {...register("name")} />
      <div>
        <Field
          label={t("residents.register.phone")}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          error={phoneError}
          {...register("phone")}
        />
        {phoneError === "residents.errors.phoneHasAccount" ? (
          <Link href="/sign-in" className="mt-1 inline-block text-sm font-medium text-brand-700 hover:underline">
            {t("residents.register.signInInstead")} →
          </Link>
        ) : null}
      </div>
      <Field
        label={t("residents.register.password")}
        type="password"
        autoComplete="new-password"
        hint={t("auth.passwordHint")}
        error={errorOf("password")}
        {...register("password")}
      />
      <AcceptBox
        label={t("privacy.notice.accept")}
        href="/privacy"
        linkText={t("privacy.notice.read")}
        error={errorOf("acceptPrivacy")}
        {...register("acceptPrivacy")}
      />
      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-700">
          {t(formError)}
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={submitting}>
        {submitting ? t("residents.register.submitting") : t("residents.register.submit")}
      </Button>
    </form>
  );
}
