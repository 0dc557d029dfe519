import type { ReactNode } from "react";
import { FieldError } from "@/components/tickets/action-form";

/** Plain inputs for ActionForm forms (server-rendered), each with its translated server error. */
export const inputClass = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm sm:text-sm";
export const labelClass = "mb-1 block text-sm font-medium text-slate-700";
export const submitClass = "inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";
export const smallButtonClass = "rounded-md px-2 py-1 text-xs font-medium ring-1 ring-slate-300 hover:bg-slate-50";

export function Input({ name, label, type = "text", defaultValue, placeholder, className = "", inputMode, id: givenId }: { name: string; label: string; type?: string; defaultValue?: string | number; placeholder?: string; className?: string; inputMode?: "numeric" | "decimal"; id?: string }) {
  const id = givenId ?? `f-${name}`;
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input id={id} name={name} type={type} defaultValue={defaultValue} placeholder={placeholder} inputMode={inputMode} className={inputClass} />
      <FieldError name={name} />
    </div>
  );
}

export function Select({ name, label, options, defaultValue, className = "" }: { name: string; label: string; options: { value: string | number; label: string }[]; defaultValue?: string | number; className?: string }) {
  const id = `f-${name}`;
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue} className={inputClass}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError name={name} />
    </div>
  );
}

export function TextArea({ name, label, defaultValue, className = "" }: { name: string; label: string; defaultValue?: string; className?: string }) {
  const id = `f-${name}`;
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <textarea id={id} name={name} rows={3} defaultValue={defaultValue} className={inputClass} />
      <FieldError name={name} />
    </div>
  );
}

export function Submit({ children }: { children: ReactNode }) {
  return (
    <button type="submit" className={submitClass}>
      {children}
    </button>
  );
}
