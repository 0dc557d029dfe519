"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormFooter } from "@/components/registry/form-footer";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { takePaymentAction } from "@/app/(staff)/staff/billing/actions";
import { CASHIER_METHODS, cashierPaymentSchema } from "@/lib/billing/schemas";

/** Takes a payment at the desk. One idempotency key per form: a double click records one payment. */
export function CashierForm({ householdId, defaultAmount }: { householdId: number; defaultAmount: string }) {
  const t = useTranslations("billing");
  const router = useRouter();
  const [key] = useState(() => crypto.randomUUID());
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(cashierPaymentSchema, takePaymentAction, {
    defaultValues: { householdId, amount: defaultAmount, method: "cash", note: "", idempotencyKey: key },
    onSuccess: (data) => router.push(`/staff/billing/receipts/${data.paymentId}`),
  });
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <input type="hidden" {...form.register("householdId")} />
      <input type="hidden" {...form.register("idempotencyKey")} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("cashier.amount")} inputMode="decimal" error={errorOf("amount")} hint={t("cashier.aheadHint")} {...form.register("amount")} />
        <SelectField label={t("common.method")} error={errorOf("method")} options={CASHIER_METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))} {...form.register("method")} />
      </div>
      <Field label={t("cashier.note")} error={errorOf("note")} {...form.register("note")} />
      <FormFooter submitting={submitting} formError={formError} label={t("cashier.submit")} />
    </form>
  );
}
