"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";

/** Five big tap targets (1–5) as a radio group; the error below, translated. */
export function RatingPicker({
  name,
  label,
  value,
  onChange,
  error,
}: {
  name: string;
  label: string;
  value: number | string | undefined;
  onChange: (n: number) => void;
  error?: string;
}) {
  const t = useTranslations();
  const id = useId();
  const current = Number(value);
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-2 block text-sm font-medium text-slate-700">{label}</legend>
      <div className="grid grid-cols-5 gap-2" role="radiogroup" aria-label={label}>
        {[1, 2, 3, 4, 5].map((n) => {
          const on = current === n;
          return (
            <button
              key={n}
              type="button"
              role="radio"
              aria-checked={on}
              aria-label={`${label} ${n}`}
              data-rating={`${name}-${n}`}
              onClick={() => onChange(n)}
              className={`h-12 min-w-11 rounded-lg text-lg font-semibold ring-1 transition ${on ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"} ${error ? "ring-red-500" : ""}`}
            >
              {n}
            </button>
          );
        })}
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-600">
          {t(error)}
        </p>
      ) : null}
    </fieldset>
  );
}
