"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormFooter } from "@/components/registry/form-footer";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { generateSchema } from "@/lib/billing/schemas";
import type { SchemaAction } from "@/lib/actions/result";
import type { generateBills } from "@/lib/billing/generate";

export function GenerateForm({
  generateBillsAction,
  defaultPeriod,
}: {
  generateBillsAction: SchemaAction<typeof generateSchema, Awaited<ReturnType<typeof generateBills>>>;
  defaultPeriod: string;
}) {
  const t = useTranslations("billing.generate");
  const [done, setDone] = useState<string | null>(null);
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(generateSchema, generateBillsAction, {
    defaultValues: { period: defaultPeriod },
    onSuccess: (r) => setDone(t("done", { period: r.period, created: r.created, credit: r.creditApplied })),
  });
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <p className="text-sm text-slate-600">{t("hint")}</p>
      <Field
        type="month"
        label={t("title")}
        error={errorOf("period")}
        className="max-w-xs"
        {...form.register("period")}
      />
      <FormFooter submitting={submitting} formError={formError} label={t("button")} />
      {done ? (
        <p role="status" className="text-sm text-brand-700">
          {done}
        </p>
      ) : null}
    </form>
  );
}
