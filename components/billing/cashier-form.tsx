"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormFooter } from "@/components/registry/form-footer";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { fenToYuanText } from "@/lib/billing/rules";
import { CASHIER_METHODS, cashierPaymentSchema } from "@/lib/billing/schemas";
import type { SchemaAction } from "@/lib/actions/result";

/**
 * Takes a payment at the desk (what is owed by default; choosing months ahead adds that many
 * months of fees, held as credit). One idempotency key per form: a double click records one payment.
 */
export function CashierForm({
  takePaymentAction,
  householdId,
  outstandingFen,
  monthlyFen,
}: {
  takePaymentAction: SchemaAction<typeof cashierPaymentSchema, { paymentId: number }>;
  householdId: number;
  outstandingFen: number;
  monthlyFen: number;
}) {
  const t = useTranslations("billing");
  const router = useRouter();
  const [key] = useState(() => crypto.randomUUID());
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(cashierPaymentSchema, takePaymentAction, {
    defaultValues: {
      householdId,
      amount: fenToYuanText(outstandingFen > 0 ? outstandingFen : monthlyFen),
      method: "cash",
      note: "",
      idempotencyKey: key,
    },
    onSuccess: (data) => router.push(`/staff/billing/receipts/${data.paymentId}`),
  });
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <input type="hidden" {...form.register("householdId")} />
      <input type="hidden" {...form.register("idempotencyKey")} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label={t("cashier.amount")}
          inputMode="decimal"
          error={errorOf("amount")}
          hint={t("cashier.aheadHint")}
          {...form.register("amount")}
        />
        <SelectField
          label={t("common.method")}
          error={errorOf("method")}
          options={CASHIER_METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))}
          {...form.register("method")}
        />
      </div>
      {monthlyFen > 0 ? (
        <label className="block text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("resident.aheadMonths")}</span>
          <select
            defaultValue="0"
            onChange={(e) =>
              form.setValue("amount", fenToYuanText(outstandingFen + Number(e.target.value) * monthlyFen))
            }
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            {[0, 1, 3, 6, 12, 24].map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <Field label={t("cashier.note")} error={errorOf("note")} {...form.register("note")} />
      <FormFooter submitting={submitting} formError={formError} label={t("cashier.submit")} />
    </form>
  );
}
