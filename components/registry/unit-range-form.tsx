"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { unitRangeButlerSchema } from "@/lib/registry/schemas";
import { FormFooter } from "./form-footer";
import type { SchemaAction } from "@/lib/actions/result";

/** Assigns a range of the building's units (first … last unit number) to a butler. */
export function UnitRangeForm({
  assignUnitRangeButlerAction,
  buildingId,
  butlers,
}: {
  assignUnitRangeButlerAction: SchemaAction<typeof unitRangeButlerSchema, { units: number }>;
  buildingId: number;
  butlers: { id: number; name: string }[];
}) {
  const t = useTranslations("registry");
  const [done, setDone] = useState<number | null>(null);
  const { form, onSubmit, errorOf, formError, submitting } = useActionForm(
    unitRangeButlerSchema,
    assignUnitRangeButlerAction,
    {
      defaultValues: { buildingId, from: "", to: "", butlerUserId: "" },
      onSuccess: (r) => setDone(r.units),
    },
  );
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="grid gap-3 sm:grid-cols-4 sm:items-end"
      onChange={() => setDone(null)}
    >
      <Field label={t("rangeFrom")} error={errorOf("from")} {...form.register("from")} />
      <Field label={t("rangeTo")} error={errorOf("to")} {...form.register("to")} />
      <SelectField
        label={t("butler")}
        options={[
          { value: "", label: t("backToBuildingButler") },
          ...butlers.map((b) => ({ value: b.id, label: b.name })),
        ]}
        error={errorOf("butlerUserId")}
        {...form.register("butlerUserId")}
      />
      <FormFooter submitting={submitting} formError={formError} label={t("assignRange")} />
      {done !== null ? (
        <p role="status" className="text-sm text-brand-700 sm:col-span-4">
          {t("rangeAssigned", { count: done })}
        </p>
      ) : null}
    </form>
  );
}
