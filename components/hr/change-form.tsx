"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormFooter } from "@/components/registry/form-footer";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { CHANGE_KINDS } from "@/db/schema/hr";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { personnelChangeSchema } from "@/lib/hr/schemas";
import type { SchemaAction } from "@/lib/actions/result";

/** Records a transfer, role change, promotion or exit with its date and reason. */
export function ChangeForm({
  recordPersonnelChangeAction,
  userId,
  communities,
  defaultDate,
  successors = [],
}: {
  recordPersonnelChangeAction: SchemaAction<typeof personnelChangeSchema>;
  userId: number;
  communities: { id: number; name: string }[];
  defaultDate: string;
  successors?: { id: number; name: string }[];
}) {
  const t = useTranslations("hr.changes");
  const tr = useTranslations("roles");
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, errorOf, formError, submitting } = useActionForm(
    personnelChangeSchema,
    recordPersonnelChangeAction,
    {
      defaultValues: {
        userId,
        kind: "promotion",
        effectiveDate: defaultDate,
        reason: "",
        toCommunityId: "",
        fromRole: "",
        toRole: "",
        toPosition: "",
        successorUserId: "",
      },
      onSuccess: () => {
        setSaved(true);
        form.setValue("reason", "");
        router.refresh();
      },
    },
  );
  const kind = form.watch("kind");
  const roleOptions = [{ value: "", label: t("chooseRole") }, ...STAFF_ROLES.map((r) => ({ value: r, label: tr(r) }))];
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-2" onChange={() => setSaved(false)}>
      <SelectField
        label={t("kind")}
        error={errorOf("kind")}
        options={CHANGE_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        {...form.register("kind")}
      />
      <Field
        label={t("effectiveDate")}
        type="date"
        error={errorOf("effectiveDate")}
        {...form.register("effectiveDate")}
      />
      <KindFields
        kind={kind}
        form={form}
        errorOf={errorOf}
        communities={communities}
        successors={successors}
        roleOptions={roleOptions}
      />
      <Field label={t("reason")} error={errorOf("reason")} className="sm:col-span-2" {...form.register("reason")} />
      <div className="sm:col-span-2">
        <FormFooter submitting={submitting} saved={saved} formError={formError} label={t("record")} />
      </div>
    </form>
  );
}

type ChangeFormState = ReturnType<
  typeof useActionForm<typeof personnelChangeSchema, SchemaAction<typeof personnelChangeSchema>>
>;

/** The fields that depend on the kind of change: community and successor, roles, position. */
function KindFields({
  kind,
  form,
  errorOf,
  communities,
  successors,
  roleOptions,
}: {
  kind: string;
  form: ChangeFormState["form"];
  errorOf: ChangeFormState["errorOf"];
  communities: { id: number; name: string }[];
  successors: { id: number; name: string }[];
  roleOptions: { value: string; label: string }[];
}) {
  const t = useTranslations("hr.changes");
  return (
    <>
      {kind === "transfer" ? (
        <SelectField
          label={t("toCommunity")}
          error={errorOf("toCommunityId")}
          options={[{ value: "", label: "—" }, ...communities.map((c) => ({ value: c.id, label: c.name }))]}
          {...form.register("toCommunityId")}
        />
      ) : null}
      {kind === "transfer" ? (
        <SelectField
          label={t("successor")}
          error={errorOf("successorUserId")}
          options={[{ value: "", label: t("noSuccessor") }, ...successors.map((p) => ({ value: p.id, label: p.name }))]}
          {...form.register("successorUserId")}
        />
      ) : null}
      {kind === "role_change" ? (
        <SelectField
          label={t("fromRole")}
          error={errorOf("fromRole")}
          options={roleOptions}
          {...form.register("fromRole")}
        />
      ) : null}
      {kind === "role_change" || kind === "promotion" ? (
        <SelectField label={t("toRole")} error={errorOf("toRole")} options={roleOptions} {...form.register("toRole")} />
      ) : null}
      {kind === "promotion" ? (
        <Field label={t("toPosition")} error={errorOf("toPosition")} {...form.register("toPosition")} />
      ) : null}
    </>
  );
}
