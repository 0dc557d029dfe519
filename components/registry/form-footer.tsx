"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** Submit button, saved notice and form-level error, shared by the registry forms. */
export function FormFooter({
  submitting,
  saved,
  formError,
  label,
}: {
  submitting: boolean;
  saved?: boolean;
  formError: string | null;
  label: string;
}) {
  const t = useTranslations();
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="submit" disabled={submitting}>
        {submitting ? t("common.saving") : label}
      </Button>
      {saved ? (
        <span role="status" className="text-sm text-brand-700">
          {t("common.saved")}
        </span>
      ) : null}
      {formError ? (
        <span role="alert" className="text-sm text-red-600">
          {t(formError)}
        </span>
      ) : null}
    </div>
  );
}
