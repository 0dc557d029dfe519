"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

/** The pass link in a read-only field with a copy button (for WeChat and the like). */
export function CopyLink({ url }: { url: string }) {
  const t = useTranslations("visitors.detail");
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex gap-2">
      <input
        readOnly
        value={url}
        aria-label={t("share")}
        data-testid="pass-link"
        className="min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-2 py-2 text-xs"
        onFocus={(e) => e.currentTarget.select()}
      />
      <button
        type="button"
        className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white"
        onClick={async () => {
          await navigator.clipboard?.writeText(url).catch(() => {});
          setCopied(true);
        }}
      >
        {copied ? t("copied") : t("copy")}
      </button>
    </div>
  );
}
