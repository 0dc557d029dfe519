"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { FormFooter } from "@/components/registry/form-footer";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { chargeSchema } from "@/lib/billing/schemas";
import type { SchemaAction } from "@/lib/actions/result";

/** Charges a one-off service (fee items of kind one_off) to the household. */
export function ChargeForm({
  chargeAction,
  householdId,
  items,
}: {
  chargeAction: SchemaAction<typeof chargeSchema>;
  householdId: number;
  items: { id: number; label: string }[];
}) {
  const t = useTranslations("billing");
  const router = useRouter();
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(chargeSchema, chargeAction, {
    defaultValues: { householdId, feeItemId: items[0]?.id, amount: "" },
    onSuccess: () => {
      form.reset({ householdId, feeItemId: items[0]?.id, amount: "" });
      router.refresh();
    },
  });
  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[2fr_1fr_auto] sm:items-start" noValidate>
      <input type="hidden" {...form.register("householdId")} />
      <SelectField
        label={t("charge.item")}
        error={errorOf("feeItemId")}
        options={items.map((i) => ({ value: i.id, label: i.label, user: true }))}
        {...form.register("feeItemId")}
      />
      <Field label={t("charge.amount")} inputMode="decimal" error={errorOf("amount")} {...form.register("amount")} />
      <div className="sm:pt-6">
        <FormFooter submitting={submitting} formError={formError} label={t("charge.submit")} />
      </div>
    </form>
  );
}
