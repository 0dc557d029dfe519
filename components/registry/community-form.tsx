"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { communitySchema, communityUpdateSchema } from "@/lib/registry/schemas";
import { FormFooter } from "./form-footer";
import type { SchemaAction } from "@/lib/actions/result";

export function CreateCommunityForm({
  createCommunityAction,
}: {
  createCommunityAction: SchemaAction<typeof communitySchema, { id: number }>;
}) {
  const t = useTranslations("registry");
  const router = useRouter();
  const { form, onSubmit, errorOf, formError, submitting } = useActionForm(communitySchema, createCommunityAction, {
    defaultValues: { name: "", address: "" },
    onSuccess: ({ id }) => router.push(`/staff/registry/communities/${id}`),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-[1fr_2fr_auto] sm:items-end">
      <Field label={t("communityName")} error={errorOf("name")} {...form.register("name")} />
      <Field label={t("address")} error={errorOf("address")} {...form.register("address")} />
      <FormFooter submitting={submitting} formError={formError} label={t("createCommunity")} />
    </form>
  );
}

export function EditCommunityForm({
  updateCommunityAction,
  id,
  name,
  address,
}: {
  updateCommunityAction: SchemaAction<typeof communityUpdateSchema>;
  id: number;
  name: string;
  address: string | null;
}) {
  const t = useTranslations("registry");
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, errorOf, formError, submitting } = useActionForm(
    communityUpdateSchema,
    updateCommunityAction,
    {
      defaultValues: { id, name, address: address ?? "" },
      onSuccess: () => setSaved(true),
    },
  );
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-2" onChange={() => setSaved(false)}>
      <Field label={t("communityName")} error={errorOf("name")} {...form.register("name")} />
      <Field label={t("address")} error={errorOf("address")} {...form.register("address")} />
      <div className="sm:col-span-2">
        <FormFooter submitting={submitting} saved={saved} formError={formError} label={t("save")} />
      </div>
    </form>
  );
}
