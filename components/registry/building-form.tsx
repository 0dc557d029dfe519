"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { buildingSchema, buildingUpdateSchema } from "@/lib/registry/schemas";
import { FormFooter } from "./form-footer";
import type { SchemaAction } from "@/lib/actions/result";

export function CreateBuildingForm({
  createBuildingAction,
  communityId,
}: {
  createBuildingAction: SchemaAction<typeof buildingSchema>;
  communityId: number;
}) {
  const t = useTranslations("registry");
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, errorOf, formError, submitting } = useActionForm(buildingSchema, createBuildingAction, {
    defaultValues: { communityId, code: "", name: "", floors: "" },
    onSuccess: () => {
      setSaved(true);
      form.reset({ communityId, code: "", name: "", floors: "" });
    },
  });
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="grid gap-3 sm:grid-cols-4 sm:items-end"
      onChange={() => setSaved(false)}
    >
      <Field
        label={t("buildingCode")}
        hint={t("buildingCodeHint")}
        error={errorOf("code")}
        {...form.register("code")}
      />
      <Field label={t("buildingName")} error={errorOf("name")} {...form.register("name")} />
      <Field label={t("floors")} inputMode="numeric" error={errorOf("floors")} {...form.register("floors")} />
      <FormFooter submitting={submitting} saved={saved} formError={formError} label={t("createBuilding")} />
    </form>
  );
}

export function EditBuildingForm({
  updateBuildingAction,
  id,
  code,
  name,
  floors,
}: {
  updateBuildingAction: SchemaAction<typeof buildingUpdateSchema>;
  id: number;
  code: string;
  name: string;
  floors: number | null;
}) {
  const t = useTranslations("registry");
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, errorOf, formError, submitting } = useActionForm(buildingUpdateSchema, updateBuildingAction, {
    defaultValues: { id, code, name, floors: floors ?? "" },
    onSuccess: () => setSaved(true),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-3" onChange={() => setSaved(false)}>
      <Field label={t("buildingCode")} error={errorOf("code")} {...form.register("code")} />
      <Field label={t("buildingName")} error={errorOf("name")} {...form.register("name")} />
      <Field label={t("floors")} inputMode="numeric" error={errorOf("floors")} {...form.register("floors")} />
      <div className="sm:col-span-3">
        <FormFooter submitting={submitting} saved={saved} formError={formError} label={t("save")} />
      </div>
    </form>
  );
}
