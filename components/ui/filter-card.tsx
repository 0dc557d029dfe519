import type { InputHTMLAttributes, ReactNode } from "react";
import { Card } from "./card";

/**
 * The filter bar of a list or report page: a GET form in a card (the filters become the URL's
 * query, so a filtered page can be linked and reloaded), its fields, and one submit button.
 */
export function FilterCard({
  submitLabel,
  children,
  className,
}: {
  submitLabel: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <Card className={className}>
      <form method="get" className="flex flex-wrap items-end gap-3">
        {children}
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          {submitLabel}
        </button>
      </form>
    </Card>
  );
}

/**
 * A labelled <select> of a filter bar; `allLabel` adds the first, empty choice ("all …"). An option
 * with `user` shows what people named (a community, a person): marked as user text.
 */
export function FilterSelect({
  label,
  name,
  defaultValue,
  allLabel,
  options,
}: {
  label: string;
  name: string;
  defaultValue: string | number;
  allLabel?: string;
  options: readonly { value: string | number; label: string; user?: boolean }[];
}) {
  return (
    <label className="text-sm">
      <span className="mb-1 block font-medium text-slate-700">{label}</span>
      <select name={name} defaultValue={defaultValue} className="rounded-md border border-slate-300 bg-white px-3 py-2">
        {allLabel !== undefined ? <option value="">{allLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value} {...(o.user ? { "data-user-text": "" } : {})}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A labelled <input> of a filter bar (month, year, date, search …). */
export function FilterInput({
  label,
  className = "",
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string }) {
  return (
    <label className="text-sm">
      <span className="mb-1 block font-medium text-slate-700">{label}</span>
      <input className={`${className} rounded-md border border-slate-300 px-3 py-2`.trim()} {...props} />
    </label>
  );
}

/** Community options for a FilterSelect. */
export const communityOptions = (communities: readonly { id: number; name: string }[]) =>
  communities.map((c) => ({ value: c.id, label: c.name, user: true }));
