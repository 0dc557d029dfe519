"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { LOCALES } from "@/lib/i18n/config";
import type { SchemaAction } from "@/lib/actions/result";
import type { localeSchema } from "@/lib/tenancy/schemas";

export function LanguageSwitch({
  switchLocale,
  className = "",
}: {
  switchLocale: SchemaAction<typeof localeSchema>;
  className?: string;
}) {
  const t = useTranslations("language");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div role="group" aria-label={t("label")} className={`inline-flex rounded-md ring-1 ring-slate-300 ${className}`}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          disabled={pending}
          aria-pressed={l === locale}
          onClick={() =>
            startTransition(async () => {
              await switchLocale({ locale: l });
              router.refresh();
            })
          }
          className={`min-h-11 min-w-11 px-2.5 text-xs first:rounded-l-md last:rounded-r-md ${
            l === locale ? "bg-brand-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50"
          }`}
        >
          {t(l)}
        </button>
      ))}
    </div>
  );
}
