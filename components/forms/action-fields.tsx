import type { ReactNode } from "react";
import { FieldError } from "@/components/tickets/action-form";

/**
 * Plain labelled fields for ActionForm forms (server-rendered), each with its translated server
 * error right below it. One place for the markup every module's staff forms share.
 */
export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm sm:text-sm";
export const labelClass = "mb-1 block text-sm font-medium text-slate-700";

/** A label, any control with that id, and the field's error. */
export function Labeled({
  id,
  name,
  label,
  className = "",
  children,
}: {
  id: string;
  name: string;
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children}
      <FieldError name={name} />
    </div>
  );
}

export function Input({
  name,
  label,
  type = "text",
  defaultValue,
  placeholder,
  className = "",
  inputMode,
  maxLength,
  min,
  max,
  id: givenId,
}: {
  name: string;
  label: string;
  type?: string;
  defaultValue?: string | number;
  placeholder?: string;
  className?: string;
  inputMode?: "numeric" | "decimal";
  maxLength?: number;
  min?: number;
  max?: number;
  id?: string;
}) {
  const id = givenId ?? `f-${name}`;
  return (
    <Labeled id={id} name={name} label={label} className={className}>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        placeholder={placeholder}
        inputMode={inputMode}
        maxLength={maxLength}
        min={min}
        max={max}
        className={inputClass}
      />
    </Labeled>
  );
}

export function Select({
  name,
  label,
  options,
  defaultValue,
  className = "",
  id: givenId,
}: {
  name: string;
  label: string;
  /** `user`: the label is user text (a name, a unit), excluded from the e2e language check. */
  options: { value: string | number; label: string; user?: boolean }[];
  defaultValue?: string | number;
  className?: string;
  id?: string;
}) {
  const id = givenId ?? `f-${name}`;
  return (
    <Labeled id={id} name={name} label={label} className={className}>
      <select id={id} name={name} defaultValue={defaultValue} className={inputClass}>
        {options.map((o) => (
          <option key={o.value} value={o.value} data-user-text={o.user ? "" : undefined}>
            {o.label}
          </option>
        ))}
      </select>
    </Labeled>
  );
}

export function TextArea({
  name,
  label,
  defaultValue,
  rows = 3,
  maxLength,
  className = "",
  id: givenId,
}: {
  name: string;
  label: string;
  defaultValue?: string;
  rows?: number;
  maxLength?: number;
  className?: string;
  id?: string;
}) {
  const id = givenId ?? `f-${name}`;
  return (
    <Labeled id={id} name={name} label={label} className={className}>
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        maxLength={maxLength}
        className={inputClass}
      />
    </Labeled>
  );
}
