"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { FormFooter } from "@/components/registry/form-footer";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { adjustSchema, refundSchema, voidSchema } from "@/lib/billing/schemas";
import type { SchemaAction } from "@/lib/actions/result";

/** A disclosure holding one correction form (finance only; the actions check the role again). */
function Disclosure({ label, children, danger }: { label: string; children: React.ReactNode; danger?: boolean }) {
  return (
    <details className="no-print group inline-block align-top">
      <summary
        className={`cursor-pointer list-none text-sm ${danger ? "text-red-700" : "text-brand-700"} hover:underline`}
      >
        {label}
      </summary>
      <div className="mt-2 w-72 rounded-md bg-white p-3 shadow-lg ring-1 ring-slate-200">{children}</div>
    </details>
  );
}

export function VoidBillForm({
  voidBillAction,
  billId,
}: {
  voidBillAction: SchemaAction<typeof voidSchema>;
  billId: number;
}) {
  const t = useTranslations("billing");
  const router = useRouter();
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(voidSchema, voidBillAction, {
    defaultValues: { billId, reason: "" },
    onSuccess: () => router.refresh(),
  });
  return (
    <Disclosure label={t("account.void")} danger>
      <form onSubmit={onSubmit} className="space-y-2" noValidate>
        <input type="hidden" {...form.register("billId")} />
        <Field label={t("common.reason")} error={errorOf("reason")} {...form.register("reason")} />
        <FormFooter submitting={submitting} formError={formError} label={t("account.void")} />
      </form>
    </Disclosure>
  );
}

export function AdjustBillForm({
  adjustBillAction,
  billId,
}: {
  adjustBillAction: SchemaAction<typeof adjustSchema>;
  billId: number;
}) {
  const t = useTranslations("billing");
  const router = useRouter();
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(adjustSchema, adjustBillAction, {
    defaultValues: { billId, amount: "", reason: "" },
    onSuccess: () => router.refresh(),
  });
  return (
    <Disclosure label={t("account.adjust")}>
      <form onSubmit={onSubmit} className="space-y-2" noValidate>
        <input type="hidden" {...form.register("billId")} />
        <Field
          label={t("account.amountSigned")}
          inputMode="decimal"
          error={errorOf("amount")}
          {...form.register("amount")}
        />
        <Field label={t("common.reason")} error={errorOf("reason")} {...form.register("reason")} />
        <FormFooter submitting={submitting} formError={formError} label={t("account.adjust")} />
      </form>
    </Disclosure>
  );
}

export function RefundForm({
  refundAction,
  paymentId,
  defaultAmount,
}: {
  refundAction: SchemaAction<typeof refundSchema>;
  paymentId: number;
  defaultAmount: string;
}) {
  const t = useTranslations("billing");
  const router = useRouter();
  // One request id per rendered form: a double click records one refund; a new one after success.
  const [requestId] = useState(() => crypto.randomUUID());
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(refundSchema, refundAction, {
    defaultValues: { paymentId, amount: defaultAmount, reason: "", requestId },
    onSuccess: () => {
      form.setValue("requestId", crypto.randomUUID());
      router.refresh();
    },
  });
  return (
    <Disclosure label={t("account.refund")} danger>
      <form onSubmit={onSubmit} className="space-y-2" noValidate>
        <input type="hidden" {...form.register("paymentId")} />
        <input type="hidden" {...form.register("requestId")} />
        <Field
          label={t("account.refundAmount")}
          inputMode="decimal"
          error={errorOf("amount")}
          {...form.register("amount")}
        />
        <Field label={t("common.reason")} error={errorOf("reason")} {...form.register("reason")} />
        <FormFooter submitting={submitting} formError={formError} label={t("account.refund")} />
      </form>
    </Disclosure>
  );
}
