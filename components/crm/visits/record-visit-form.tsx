"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormFooter } from "@/components/registry/form-footer";
import { RatingPicker } from "@/components/crm/visits/rating-picker";
import { SelectField } from "@/components/ui/select-field";
import { FOLLOW_UP_TYPES, recordVisitSchema } from "@/lib/crm/visits/schemas";
import type { SchemaAction } from "@/lib/actions/result";

/** Notes, satisfaction 1–5, issues and optionally a work order for the issue; validated by the shared schema. */
export function RecordVisitForm({
  recordVisitAction,
  visitId,
  typeLabels,
}: {
  recordVisitAction: SchemaAction<typeof recordVisitSchema>;
  visitId: number;
  typeLabels: Record<string, string>;
}) {
  const t = useTranslations("visits.visit");
  const tAll = useTranslations();
  const router = useRouter();
  const { form, onSubmit, errorOf, formError, submitting } = useActionForm(recordVisitSchema, recordVisitAction, {
    defaultValues: {
      visitId,
      notes: "",
      satisfaction: "" as unknown as number,
      issues: "",
      createOrder: false,
      orderType: "",
    },
    onSuccess: () => router.refresh(),
  });
  const createOrder = form.watch("createOrder");
  const area = (name: "notes" | "issues", label: string) => {
    const err = errorOf(name);
    return (
      <div>
        <label htmlFor={name} className="mb-1 block text-sm font-medium text-slate-700">
          {label}
        </label>
        <textarea
          id={name}
          rows={3}
          aria-invalid={err ? true : undefined}
          className={`block w-full rounded-md border px-3 py-2 text-base shadow-sm sm:text-sm ${err ? "border-red-500" : "border-slate-300"}`}
          {...form.register(name)}
        />
        {err ? (
          <p role="alert" className="mt-1 text-sm text-red-600">
            {tAll(err)}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <input type="hidden" {...form.register("visitId")} />
      {area("notes", t("notes"))}
      <RatingPicker
        name="satisfaction"
        label={t("satisfaction")}
        value={form.watch("satisfaction") as number | string | undefined}
        onChange={(n) => form.setValue("satisfaction", n, { shouldValidate: form.formState.isSubmitted })}
        error={errorOf("satisfaction")}
      />
      {area("issues", t("issues"))}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="h-4 w-4" {...form.register("createOrder")} />
        {t("createOrder")}
      </label>
      {createOrder ? (
        <SelectField
          label={t("orderType")}
          error={errorOf("orderType")}
          options={[
            { value: "", label: t("chooseType") },
            ...FOLLOW_UP_TYPES.map((v) => ({ value: v, label: typeLabels[v] ?? v })),
          ]}
          {...form.register("orderType")}
        />
      ) : null}
      <FormFooter submitting={submitting} formError={formError} label={t("save")} />
    </form>
  );
}
