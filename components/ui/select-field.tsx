"use client";

import { useTranslations } from "next-intl";
import { forwardRef, useId, type SelectHTMLAttributes } from "react";

/** A labelled <select> with its translated error below, like <Field>. */
export const SelectField = forwardRef<
  HTMLSelectElement,
  SelectHTMLAttributes<HTMLSelectElement> & {
    label: string;
    error?: string;
    /** `user`: the label is user text (a name, a unit), excluded from the e2e language check. */
    options: { value: string | number; label: string; user?: boolean }[];
  }
>(function SelectField({ label, error, options, id, className = "", ...props }, ref) {
  const t = useTranslations();
  const autoId = useId();
  const selectId = id ?? autoId;
  return (
    <div className={className}>
      <label htmlFor={selectId} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        ref={ref}
        id={selectId}
        aria-invalid={error ? true : undefined}
        className={`block w-full rounded-md border bg-white px-3 py-2 text-base shadow-sm sm:text-sm ${error ? "border-red-500" : "border-slate-300"}`}
        {...props}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} data-user-text={o.user ? "" : undefined}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p role="alert" className="mt-1 text-sm text-red-600">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
});
