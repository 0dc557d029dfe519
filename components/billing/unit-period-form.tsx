"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { FormFooter } from "@/components/registry/form-footer";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { UNIT_PERIOD_KINDS } from "@/db/schema/billing";
import { unitPeriodSchema } from "@/lib/billing/schemas";
import type { SchemaAction } from "@/lib/actions/result";

type Option = { id: number; label: string };

/** Marks one of the household's units vacant (空置), fee-free or developer-paid (开发商承担: billed to a contract customer) for a period. */
export function UnitPeriodForm({
  addUnitPeriodAction,
  units,
  customers,
  today,
}: {
  addUnitPeriodAction: SchemaAction<typeof unitPeriodSchema>;
  units: Option[];
  customers: Option[];
  today: string;
}) {
  const t = useTranslations("billing");
  const router = useRouter();
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(unitPeriodSchema, addUnitPeriodAction, {
    defaultValues: { unitId: units[0]?.id, kind: "vacant", fromDate: today, toDate: "", customerId: "" },
    onSuccess: () => router.refresh(),
  });
  const developer = form.watch("kind") === "developer";
  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr_1fr_auto] sm:items-start" noValidate>
      <SelectField
        label={t("transfer.unit")}
        error={errorOf("unitId")}
        options={units.map((u) => ({ value: u.id, label: u.label, user: true }))}
        {...form.register("unitId")}
      />
      <SelectField
        label={t("unitPeriod.kind")}
        options={UNIT_PERIOD_KINDS.map((k) => ({ value: k, label: t(`unitPeriodKind.${k}`) }))}
        {...form.register("kind")}
      />
      <Field type="date" label={t("unitPeriod.from")} error={errorOf("fromDate")} {...form.register("fromDate")} />
      <Field type="date" label={t("unitPeriod.to")} error={errorOf("toDate")} {...form.register("toDate")} />
      {developer ? (
        <SelectField
          label={t("unitPeriod.customer")}
          error={errorOf("customerId")}
          options={[
            { value: "", label: t("unitPeriod.noCustomer") },
            ...customers.map((c) => ({ value: c.id, label: c.label, user: true })),
          ]}
          {...form.register("customerId")}
        />
      ) : null}
      <div className="sm:pt-6">
        <FormFooter submitting={submitting} formError={formError} label={t("unitPeriod.submit")} />
      </div>
    </form>
  );
}
