"use client";

import { useTranslations } from "next-intl";
import type { UseFormRegisterReturn } from "react-hook-form";
import { RESIDENT_RELATIONS } from "@/db/schema/registry";

/** Owner / family member / tenant as three large radio tiles (easy to tap on a phone). */
export function RelationPicker({
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
    <fieldset aria-describedby={error ? "relation-error" : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-700">{legend}</legend>
      <div className="grid grid-cols-3 gap-2">
        {RESIDENT_RELATIONS.map((r) => (
          <label
            key={r}
            className="flex cursor-pointer flex-col items-center gap-0.5 rounded-md px-2 py-2 text-center ring-1 ring-slate-300 has-[:checked]:bg-brand-50 has-[:checked]:ring-2 has-[:checked]:ring-brand-600 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600"
          >
            <input type="radio" value={r} {...register} className="sr-only" />
            <span className="text-sm font-medium text-slate-900">{t(`residents.relation.${r}`)}</span>
            <span className="text-xs leading-tight text-slate-600">{t(`residents.relationHelp.${r}`)}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p id="relation-error" role="alert" className="mt-1 text-sm text-red-600">
          {t(error)}
        </p>
      ) : null}
    </fieldset>
  );
}
