"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormFooter } from "@/components/registry/form-footer";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { CASHIER_METHODS, contractCustomerSchema, contractPaymentSchema, contractSchema } from "@/lib/billing/schemas";
import type { SchemaAction } from "@/lib/actions/result";

type Option = { value: number; label: string };

export function NewContractCustomerForm({
  createContractCustomerAction,
}: {
  createContractCustomerAction: SchemaAction<typeof contractCustomerSchema>;
}) {
  const t = useTranslations("billing.contracts");
  const router = useRouter();
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(
    contractCustomerSchema,
    createContractCustomerAction,
    {
      defaultValues: { name: "", contact: "", phone: "" },
      onSuccess: () => {
        form.reset();
        router.refresh();
      },
    },
  );
  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-start" noValidate>
      <Field label={t("customer")} error={errorOf("name")} {...form.register("name")} />
      <Field label={t("contact")} error={errorOf("contact")} {...form.register("contact")} />
      <Field label={t("phone")} error={errorOf("phone")} {...form.register("phone")} />
      <div className="sm:pt-6">
        <FormFooter submitting={submitting} formError={formError} label={t("addCustomer")} />
      </div>
    </form>
  );
}

export function NewContractForm({
  createContractAction,
  customers,
  communities,
  month,
}: {
  createContractAction: SchemaAction<typeof contractSchema>;
  customers: Option[];
  communities: Option[];
  month: string;
}) {
  const t = useTranslations("billing.contracts");
  const router = useRouter();
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(contractSchema, createContractAction, {
    defaultValues: {
      customerId: customers[0]?.value ?? "",
      communityId: communities[0]?.value ?? "",
      description: "",
      monthly: "",
      startMonth: month,
      endMonth: month,
    },
    onSuccess: () => {
      form.reset();
      router.refresh();
    },
  });
  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-3 sm:items-start" noValidate>
      <SelectField
        label={t("customer")}
        error={errorOf("customerId")}
        options={customers}
        {...form.register("customerId")}
      />
      <SelectField
        label={t("community")}
        error={errorOf("communityId")}
        options={communities}
        {...form.register("communityId")}
      />
      <Field label={t("description")} error={errorOf("description")} {...form.register("description")} />
      <Field label={t("monthly")} inputMode="decimal" error={errorOf("monthly")} {...form.register("monthly")} />
      <Field type="month" label={t("start")} error={errorOf("startMonth")} {...form.register("startMonth")} />
      <Field type="month" label={t("end")} error={errorOf("endMonth")} {...form.register("endMonth")} />
      <FormFooter submitting={submitting} formError={formError} label={t("addContract")} />
    </form>
  );
}

export function ContractPaymentForm({
  contractPaymentAction,
  customerId,
  owed,
}: {
  contractPaymentAction: SchemaAction<typeof contractPaymentSchema, { paymentId: number; receiptNo: string }>;
  customerId: number;
  owed: string;
}) {
  const t = useTranslations("billing");
  const router = useRouter();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [receipt, setReceipt] = useState<{ no: string; paymentId: number } | null>(null);
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(
    contractPaymentSchema,
    contractPaymentAction,
    {
      defaultValues: { customerId, amount: owed, method: "transfer", idempotencyKey: key },
      onSuccess: (data) => {
        setReceipt({ no: data.receiptNo, paymentId: data.paymentId });
        const next = crypto.randomUUID();
        setKey(next);
        form.setValue("idempotencyKey", next);
        router.refresh();
      },
    },
  );
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-start gap-3" noValidate>
      <input type="hidden" {...form.register("customerId")} />
      <input type="hidden" {...form.register("idempotencyKey")} />
      <Field
        label={t("cashier.amount")}
        inputMode="decimal"
        className="w-32"
        error={errorOf("amount")}
        {...form.register("amount")}
      />
      <SelectField
        label={t("common.method")}
        error={errorOf("method")}
        options={CASHIER_METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))}
        {...form.register("method")}
      />
      <div className="pt-6">
        <FormFooter submitting={submitting} formError={formError} label={t("cashier.submit")} />
      </div>
      {receipt ? (
        <p role="status" className="w-full text-sm text-brand-700">
          {t("contracts.paid", { receiptNo: receipt.no })}{" "}
          <Link href={`/staff/billing/contracts/receipts/${receipt.paymentId}`} className="font-medium underline">
            {t("resident.viewReceipt")}
          </Link>
        </p>
      ) : null}
    </form>
  );
}
