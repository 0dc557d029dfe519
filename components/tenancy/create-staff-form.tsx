"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { createStaffSchema } from "@/lib/tenancy/schemas";
import { RoleCheckboxes } from "./role-checkboxes";
import type { SchemaAction } from "@/lib/actions/result";

export function CreateStaffForm({ createStaffAction }: { createStaffAction: SchemaAction<typeof createStaffSchema> }) {
  const t = useTranslations();
  const [created, setCreated] = useState(false);
  const { form, onSubmit, errorOf, formError, submitting } = useActionForm(createStaffSchema, createStaffAction, {
    defaultValues: { name: "", phone: "", email: "", password: "", roles: [] },
    onSuccess: () => {
      setCreated(true);
      form.reset();
    },
  });
  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2" noValidate onChange={() => setCreated(false)}>
      <Field label={t("admin.name")} error={errorOf("name")} {...form.register("name")} />
      <Field label={t("admin.phone")} type="tel" inputMode="tel" error={errorOf("phone")} {...form.register("phone")} />
      <Field label={t("admin.email")} type="email" error={errorOf("email")} {...form.register("email")} />
      <Field
        label={t("admin.initialPassword")}
        type="password"
        autoComplete="new-password"
        hint={t("auth.passwordHint")}
        error={errorOf("password")}
        {...form.register("password")}
      />
      <div className="sm:col-span-2">
        <RoleCheckboxes legend={t("admin.roles")} register={form.register("roles")} error={errorOf("roles")} />
      </div>
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={submitting}>
          {submitting ? t("admin.creating") : t("admin.create")}
        </Button>
        {created ? (
          <span role="status" className="text-sm text-brand-700">
            {t("admin.created")}
          </span>
        ) : null}
        {formError ? (
          <span role="alert" className="text-sm text-red-600">
            {t(formError)}
          </span>
        ) : null}
      </div>
    </form>
  );
}
