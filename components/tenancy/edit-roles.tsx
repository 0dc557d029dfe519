"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import type { StaffRole } from "@/lib/auth/roles";
import { setRolesSchema } from "@/lib/tenancy/schemas";
import { RoleCheckboxes } from "./role-checkboxes";
import type { SchemaAction } from "@/lib/actions/result";

export function EditRoles({
  setStaffRolesAction,
  userId,
  roles,
}: {
  setStaffRolesAction: SchemaAction<typeof setRolesSchema>;
  userId: number;
  roles: StaffRole[];
}) {
  const t = useTranslations();
  const [open, setOpen] = useState(false);
  const { form, onSubmit, errorOf, formError, submitting } = useActionForm(setRolesSchema, setStaffRolesAction, {
    defaultValues: { userId, roles },
    onSuccess: () => setOpen(false),
  });
  if (!open)
    return (
      <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => setOpen(true)}>
        {t("admin.editRoles")}
      </Button>
    );
  return (
    <form onSubmit={onSubmit} className="space-y-2 rounded-md bg-slate-50 p-2 ring-1 ring-slate-200" noValidate>
      <input type="hidden" {...form.register("userId")} />
      <RoleCheckboxes legend={t("admin.roles")} register={form.register("roles")} error={errorOf("roles")} />
      {formError ? (
        <p role="alert" className="text-sm text-red-600">
          {t(formError)}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" className="px-3 py-1 text-xs" disabled={submitting}>
          {submitting ? t("admin.saving") : t("admin.saveRoles")}
        </Button>
        <Button type="button" variant="secondary" className="px-3 py-1 text-xs" onClick={() => setOpen(false)}>
          {t("admin.cancel")}
        </Button>
      </div>
    </form>
  );
}
