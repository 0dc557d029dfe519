"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormFooter } from "@/components/registry/form-footer";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { STAFF_STATUSES } from "@/db/schema/hr";
import { staffRecordSchema, staffRecordUpdateSchema } from "@/lib/hr/schemas";
import type { SchemaAction } from "@/lib/actions/result";

type Option = { id: number; name: string };

export interface StaffRecordValues {
  employeeNo: string;
  name: string;
  phone: string | null;
  email: string | null;
  communityId: number | null;
  position: string;
  hireDate: string;
  status: (typeof STAFF_STATUSES)[number];
}

function useOptions(communities: Option[]) {
  const t = useTranslations("hr");
  return {
    communityOptions: [
      { value: "", label: t("noCommunity") },
      ...communities.map((c) => ({ value: c.id, label: c.name })),
    ],
    statusOptions: STAFF_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
  };
}

export function CreateStaffRecordForm({
  createStaffRecordAction,
  people,
  communities,
  suggestedNo,
}: {
  createStaffRecordAction: SchemaAction<typeof staffRecordSchema, { id: number }>;
  people: (Option & { phone: string | null; email: string | null })[];
  communities: Option[];
  suggestedNo: string;
}) {
  const t = useTranslations("hr");
  const router = useRouter();
  const { communityOptions, statusOptions } = useOptions(communities);
  const { form, onSubmit, errorOf, formError, submitting } = useActionForm(staffRecordSchema, createStaffRecordAction, {
    defaultValues: {
      userId: "",
      employeeNo: suggestedNo,
      name: "",
      phone: "",
      email: "",
      communityId: "",
      position: "",
      hireDate: "",
      status: "active",
    },
    onSuccess: ({ id }) => router.push(`/staff/hr/people/${id}`),
  });
  const pick = form.register("userId", {
    onChange: (e: { target: { value: string } }) => {
      const person = people.find((p) => String(p.id) === e.target.value);
      if (person) {
        form.setValue("name", person.name);
        form.setValue("phone", person.phone ?? "");
        form.setValue("email", person.email ?? "");
      }
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <SelectField
        label={t("account")}
        error={errorOf("userId")}
        options={[{ value: "", label: t("chooseAccount") }, ...people.map((p) => ({ value: p.id, label: p.name }))]}
        {...pick}
      />
      <Field label={t("employeeNo")} error={errorOf("employeeNo")} {...form.register("employeeNo")} />
      <Field label={t("name")} error={errorOf("name")} {...form.register("name")} />
      <Field label={t("position")} error={errorOf("position")} {...form.register("position")} />
      <Field label={t("phone")} error={errorOf("phone")} inputMode="tel" {...form.register("phone")} />
      <Field label={t("email")} error={errorOf("email")} type="email" {...form.register("email")} />
      <SelectField
        label={t("community")}
        error={errorOf("communityId")}
        options={communityOptions}
        {...form.register("communityId")}
      />
      <Field label={t("hireDate")} error={errorOf("hireDate")} type="date" {...form.register("hireDate")} />
      <SelectField
        label={t("statusLabel")}
        error={errorOf("status")}
        options={statusOptions}
        {...form.register("status")}
      />
      <div className="sm:col-span-2 lg:col-span-4">
        <FormFooter submitting={submitting} formError={formError} label={t("createRecord")} />
      </div>
    </form>
  );
}

export function EditStaffRecordForm({
  updateStaffRecordAction,
  id,
  values,
  communities,
}: {
  updateStaffRecordAction: SchemaAction<typeof staffRecordUpdateSchema>;
  id: number;
  values: StaffRecordValues;
  communities: Option[];
}) {
  const t = useTranslations("hr");
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { communityOptions, statusOptions } = useOptions(communities);
  const { form, onSubmit, errorOf, formError, submitting } = useActionForm(
    staffRecordUpdateSchema,
    updateStaffRecordAction,
    {
      defaultValues: {
        id,
        ...values,
        phone: values.phone ?? "",
        email: values.email ?? "",
        communityId: values.communityId ?? "",
      },
      onSuccess: () => {
        setSaved(true);
        router.refresh();
      },
    },
  );
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-2" onChange={() => setSaved(false)}>
      <Field label={t("employeeNo")} error={errorOf("employeeNo")} {...form.register("employeeNo")} />
      <Field label={t("name")} error={errorOf("name")} {...form.register("name")} />
      <Field label={t("position")} error={errorOf("position")} {...form.register("position")} />
      <Field label={t("phone")} error={errorOf("phone")} inputMode="tel" {...form.register("phone")} />
      <Field label={t("email")} error={errorOf("email")} type="email" {...form.register("email")} />
      <SelectField
        label={t("community")}
        error={errorOf("communityId")}
        options={communityOptions}
        {...form.register("communityId")}
      />
      <Field label={t("hireDate")} error={errorOf("hireDate")} type="date" {...form.register("hireDate")} />
      <SelectField
        label={t("statusLabel")}
        error={errorOf("status")}
        options={statusOptions}
        {...form.register("status")}
      />
      <div className="sm:col-span-2">
        <FormFooter submitting={submitting} saved={saved} formError={formError} label={t("save")} />
      </div>
    </form>
  );
}
