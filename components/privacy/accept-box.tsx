"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { forwardRef, useId, type InputHTMLAttributes } from "react";

/**
 * The tick box that accepts a versioned document (privacy notice, data-processing agreement),
 * with a link that opens the document in a new tab and the translated error below.
 */
export const AcceptBox = forwardRef<
  HTMLInputElement,
  InputHTMLAttributes<HTMLInputElement> & { label: string; href: string; linkText: string; error?: string }
>(function AcceptBox({ label, href, linkText, error, ...props }, ref) {
  const t = useTranslations();
  const id = useId();
  return (
    <div>
      <div className="flex items-start gap-3">
        <input
          ref={ref}
          id={id}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="mt-0.5 h-5 w-5 shrink-0 rounded border-slate-300 text-brand-600 focus:ring-brand-500"
          {...props}
        />
        <label htmlFor={id} className="text-sm text-slate-700">
          {label}
        </label>
      </div>
      <Link
        href={href}
        target="_blank"
        className="ml-8 mt-1 inline-block text-sm font-medium text-brand-700 hover:underline"
      >
        {linkText}
      </Link>
      {error ? (
        <p id={`${id}-error`} role="alert" className="ml-8 mt-1 text-sm text-red-600">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
});
