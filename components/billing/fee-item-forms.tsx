"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormFooter } from "@/components/registry/form-footer";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { FEE_ITEM_KINDS, PRORATION_MODES, ROUNDING_MODES } from "@/db/schema/billing";
import { collectionTargetSchema, feeItemSchema, feeItemUpdateSchema, settingsSchema } from "@/lib/billing/schemas";
import type { SchemaAction } from "@/lib/actions/result";

export function NewFeeItemForm({ createFeeItemAction }: { createFeeItemAction: SchemaAction<typeof feeItemSchema> }) {
  const t = useTranslations("billing");
  const router = useRouter();
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(feeItemSchema, createFeeItemAction, {
    defaultValues: { name: "", kind: "per_household", price: "", fromPeriod: "" },
    onSuccess: () => {
      form.reset();
      router.refresh();
    },
  });
  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[2fr_2fr_1fr_1fr_auto] sm:items-start" noValidate>
      <Field label={t("settings.name")} error={errorOf("name")} {...form.register("name")} />
      <SelectField
        label={t("settings.kind")}
        options={FEE_ITEM_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        {...form.register("kind")}
      />
      <Field label={t("settings.price")} inputMode="decimal" error={errorOf("price")} {...form.register("price")} />
      <Field
        type="month"
        label={t("settings.fromPeriod")}
        error={errorOf("fromPeriod")}
        {...form.register("fromPeriod")}
      />
      <div className="sm:pt-6">
        <FormFooter submitting={submitting} formError={formError} label={t("settings.add")} />
      </div>
    </form>
  );
}

export function FeeItemRowForm({
  updateFeeItemAction,
  id,
  price,
  active,
}: {
  updateFeeItemAction: SchemaAction<typeof feeItemUpdateSchema>;
  id: number;
  price: string;
  active: boolean;
}) {
  const t = useTranslations("billing.settings");
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(feeItemUpdateSchema, updateFeeItemAction, {
    defaultValues: { id, price, active, fromPeriod: "" },
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-start gap-3" noValidate>
      <input type="hidden" {...form.register("id")} />
      <Field
        label={t("price")}
        inputMode="decimal"
        className="w-32"
        error={errorOf("price")}
        {...form.register("price")}
      />
      <Field
        type="month"
        label={t("fromPeriod")}
        className="w-44"
        error={errorOf("fromPeriod")}
        {...form.register("fromPeriod")}
      />
      <label className="flex items-center gap-2 pt-7 text-sm">
        <input type="checkbox" className="accent-brand-600" {...form.register("active")} />
        {t("active")}
      </label>
      <div className="pt-6">
        <FormFooter submitting={submitting} saved={saved} formError={formError} label={t("save")} />
      </div>
    </form>
  );
}

export function BillingSettingsForm({
  saveSettingsAction,
  dueDay,
  rounding,
  proration,
  vacancyRate,
}: {
  saveSettingsAction: SchemaAction<typeof settingsSchema>;
  dueDay: number;
  rounding: (typeof ROUNDING_MODES)[number];
  proration: (typeof PRORATION_MODES)[number];
  vacancyRate: string;
}) {
  const t = useTranslations("billing");
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(settingsSchema, saveSettingsAction, {
    defaultValues: { dueDay, rounding, proration, vacancyRate },
    onSuccess: () => setSaved(true),
  });
  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[1fr_1fr_1fr_1fr_auto] sm:items-start" noValidate>
      <Field
        type="number"
        min={1}
        max={28}
        label={t("settings.dueDay")}
        error={errorOf("dueDay")}
        {...form.register("dueDay")}
      />
      <SelectField
        label={t("settings.rounding")}
        options={ROUNDING_MODES.map((r) => ({ value: r, label: t(`rounding.${r}`) }))}
        {...form.register("rounding")}
      />
      <SelectField
        label={t("settings.proration")}
        options={PRORATION_MODES.map((r) => ({ value: r, label: t(`proration.${r}`) }))}
        {...form.register("proration")}
      />
      <Field
        label={t("settings.vacancyRate")}
        inputMode="decimal"
        error={errorOf("vacancyRate")}
        {...form.register("vacancyRate")}
      />
      <div className="sm:pt-6">
        <FormFooter submitting={submitting} saved={saved} formError={formError} label={t("settings.save")} />
      </div>
    </form>
  );
}

/** The monthly collection-rate target (percent; empty clears it). */
export function CollectionTargetForm({
  saveCollectionTargetAction,
  target,
}: {
  saveCollectionTargetAction: SchemaAction<typeof collectionTargetSchema>;
  target: string;
}) {
  const t = useTranslations("billing");
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(
    collectionTargetSchema,
    saveCollectionTargetAction,
    { defaultValues: { target }, onSuccess: () => setSaved(true) },
  );
  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-start" noValidate>
      <Field
        label={t("settings.targetLabel")}
        inputMode="decimal"
        error={errorOf("target")}
        data-testid="collection-target"
        {...form.register("target")}
      />
      <div className="sm:pt-6">
        <FormFooter submitting={submitting} saved={saved} formError={formError} label={t("settings.save")} />
      </div>
    </form>
  );
}
