"use client";

import { useTranslations } from "next-intl";
import type { UseFormRegisterReturn } from "react-hook-form";
import { STAFF_ROLES } from "@/lib/auth/roles";

export function RoleCheckboxes({
  register,
  error,
  legend,
}: {
  register: UseFormRegisterReturn;
  error?: string;
  legend: string;
}) {
  const t = useTranslations();
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium text-slate-700">{legend}</legend>
      <div className="grid grid-cols-2 gap-1 sm:grid-cols-3">
        {STAFF_ROLES.map((r) => (
          <label key={r} className="flex items-center gap-2 text-sm">
            <input type="checkbox" value={r} {...register} className="accent-brand-600" />
            {t(`roles.${r}`)}
          </label>
        ))}
      </div>
      {error ? (
        <p role="alert" className="mt-1 text-sm text-red-600">
          {t(error)}
        </p>
      ) : null}
    </fieldset>
  );
}
