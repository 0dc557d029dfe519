"use client";

import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { FormFooter } from "@/components/registry/form-footer";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { adjustSchema, refundSchema, voidSchema } from "@/lib/billing/schemas";
import type { SchemaAction } from "@/lib/actions/result";

/**
 * A disclosure holding one correction form (finance only; the actions check the role again). The form
 * mounts when the disclosure is first opened, and stays: a household page has one per bill and per
 * payment (70 at 24 months), each a react-hook-form instance the server rendered for nothing while
 * closed (half the page's HTML).
 */
function Disclosure({ label, danger, form }: { label: string; danger?: boolean; form: () => React.ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [opened, setOpened] = useState(false);
  // Opened before hydration (a quick tap): React missed the toggle event, the element did not.
  useEffect(() => {
    if (ref.current?.open) setOpened(true);
  }, []);
  return (
    <details
      ref={ref}
      className="no-print group inline-block align-top"
      onToggle={(e) => {
        if (e.currentTarget.open) setOpened(true);
      }}
    >
      <summary
        className={`cursor-pointer list-none text-sm ${danger ? "text-red-700" : "text-brand-700"} hover:underline`}
      >
        {label}
      </summary>
      <div className="mt-2 w-72 rounded-md bg-white p-3 shadow-lg ring-1 ring-slate-200">{opened ? form() : null}</div>
    </details>
  );
}

type VoidProps = { voidBillAction: SchemaAction<typeof voidSchema>; billId: number };

export function VoidBillForm(props: VoidProps) {
  const t = useTranslations("billing");
  return <Disclosure label={t("account.void")} danger form={() => <VoidBillBody {...props} />} />;
}

function VoidBillBody({ voidBillAction, billId }: VoidProps) {
  const t = useTranslations("billing");
  const router = useRouter();
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(voidSchema, voidBillAction, {
    defaultValues: { billId, reason: "" },
    onSuccess: () => router.refresh(),
  });
  return (
    <form onSubmit={onSubmit} className="space-y-2" noValidate>
      <input type="hidden" {...form.register("billId")} />
      <Field label={t("common.reason")} error={errorOf("reason")} {...form.register("reason")} />
      <FormFooter submitting={submitting} formError={formError} label={t("account.void")} />
    </form>
  );
}

type AdjustProps = { adjustBillAction: SchemaAction<typeof adjustSchema>; billId: number };

export function AdjustBillForm(props: AdjustProps) {
  const t = useTranslations("billing");
  return <Disclosure label={t("account.adjust")} form={() => <AdjustBillBody {...props} />} />;
}

function AdjustBillBody({ adjustBillAction, billId }: AdjustProps) {
  const t = useTranslations("billing");
  const router = useRouter();
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(adjustSchema, adjustBillAction, {
    defaultValues: { billId, amount: "", reason: "" },
    onSuccess: () => router.refresh(),
  });
  return (
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
  );
}

type RefundProps = { refundAction: SchemaAction<typeof refundSchema>; paymentId: number; defaultAmount: string };

export function RefundForm(props: RefundProps) {
  const t = useTranslations("billing");
  return <Disclosure label={t("account.refund")} danger form={() => <RefundBody {...props} />} />;
}

function RefundBody({ refundAction, paymentId, defaultAmount }: RefundProps) {
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
  );
}
