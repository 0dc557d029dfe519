"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { FormFooter } from "@/components/registry/form-footer";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { transferFormSchema } from "@/lib/registry/schemas";
import type { SchemaAction } from "@/lib/actions/result";

/** 过户: moves one of the household's units to the buyer (by household code) on a date, then opens the transfer statement. */
export function TransferForm({
  transferUnitAction,
  householdId,
  units,
  today,
}: {
  transferUnitAction: SchemaAction<typeof transferFormSchema, { unitId: number; date: string }>;
  householdId: number;
  units: { id: number; label: string }[];
  today: string;
}) {
  const t = useTranslations("billing.transfer");
  const router = useRouter();
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(transferFormSchema, transferUnitAction, {
    defaultValues: { fromHouseholdId: householdId, unitId: units[0]?.id, toHouseholdCode: "", date: today },
    onSuccess: (r) => router.push(`/staff/billing/print/transfer/${r.unitId}/${r.date}`),
  });
  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[2fr_2fr_1fr_auto] sm:items-start" noValidate>
      <input type="hidden" {...form.register("fromHouseholdId")} />
      <SelectField
        label={t("unit")}
        error={errorOf("unitId")}
        options={units.map((u) => ({ value: u.id, label: u.label, user: true }))}
        {...form.register("unitId")}
      />
      <Field
        label={t("buyerCode")}
        error={errorOf("toHouseholdCode")}
        autoComplete="off"
        {...form.register("toHouseholdCode")}
      />
      <Field type="date" label={t("date")} max={today} error={errorOf("date")} {...form.register("date")} />
      <div className="sm:pt-6">
        <FormFooter submitting={submitting} formError={formError} label={t("submit")} />
      </div>
    </form>
  );
}
