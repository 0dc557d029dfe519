"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { UNIT_TYPES } from "@/db/schema/registry";
import { unitSchema, unitUpdateSchema } from "@/lib/registry/schemas";
import { FormFooter } from "./form-footer";
import type { SchemaAction } from "@/lib/actions/result";

function useTypeOptions() {
  const t = useTranslations("registry");
  return UNIT_TYPES.map((v) => ({ value: v, label: t(`unitType.${v}`) }));
}

export function CreateUnitForm({
  createUnitAction,
  buildingId,
}: {
  createUnitAction: SchemaAction<typeof unitSchema>;
  buildingId: number;
}) {
  const t = useTranslations("registry");
  const types = useTypeOptions();
  const [saved, setSaved] = useState(false);
  const empty = { buildingId, number: "", floor: "", area: "", type: "residential" as const };
  const { form, onSubmit, errorOf, formError, submitting } = useActionForm(unitSchema, createUnitAction, {
    defaultValues: empty,
    onSuccess: () => {
      setSaved(true);
      form.reset(empty);
    },
  });
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="grid gap-3 sm:grid-cols-5 sm:items-end"
      onChange={() => setSaved(false)}
    >
      <Field
        label={t("unitNumber")}
        hint={t("unitNumberHint")}
        error={errorOf("number")}
        {...form.register("number")}
      />
      <Field label={t("floor")} inputMode="numeric" error={errorOf("floor")} {...form.register("floor")} />
      <Field label={t("areaM2")} inputMode="decimal" error={errorOf("area")} {...form.register("area")} />
      <SelectField label={t("type")} options={types} error={errorOf("type")} {...form.register("type")} />
      <FormFooter submitting={submitting} saved={saved} formError={formError} label={t("createUnit")} />
    </form>
  );
}

export function EditUnitForm(props: {
  updateUnitAction: SchemaAction<typeof unitUpdateSchema>;
  id: number;
  number: string;
  floor: number | null;
  area: string;
  type: (typeof UNIT_TYPES)[number];
  onDone?: () => void;
}) {
  const t = useTranslations("registry");
  const types = useTypeOptions();
  const { form, onSubmit, errorOf, formError, submitting } = useActionForm(unitUpdateSchema, props.updateUnitAction, {
    defaultValues: { id: props.id, number: props.number, floor: props.floor ?? "", area: props.area, type: props.type },
    onSuccess: () => props.onDone?.(),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-2 sm:grid-cols-5 sm:items-end">
      <Field label={t("unitNumber")} error={errorOf("number")} {...form.register("number")} />
      <Field label={t("floor")} inputMode="numeric" error={errorOf("floor")} {...form.register("floor")} />
      <Field label={t("areaM2")} inputMode="decimal" error={errorOf("area")} {...form.register("area")} />
      <SelectField label={t("type")} options={types} error={errorOf("type")} {...form.register("type")} />
      <FormFooter submitting={submitting} formError={formError} label={t("save")} />
    </form>
  );
}
