"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { PRIVACY_REQUEST_KINDS } from "@/db/schema/privacy";
import { privacyRequestSchema } from "@/lib/privacy/schemas";
import type { SchemaAction } from "@/lib/actions/result";
import type { UseFormRegisterReturn } from "react-hook-form";

/** A resident asks for a correction or a deletion (kind as two large tiles, then the details). */
export function PrivacyRequestForm({
  submitPrivacyRequestAction,
  retentionYears,
}: {
  submitPrivacyRequestAction: SchemaAction<typeof privacyRequestSchema>;
  retentionYears: number;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [sent, setSent] = useState(false);
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(
    privacyRequestSchema,
    submitPrivacyRequestAction,
    {
      defaultValues: { kind: "correction", details: "" },
      onSuccess: () => {
        setSent(true);
        form.reset();
        router.refresh();
      },
    },
  );
  const { register, watch } = form;
  const kindError = errorOf("kind");
  const detailsError = errorOf("details");
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate data-testid="privacy-request-form">
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">{t("privacy.requests.kindLabel")}</legend>
        <div className="grid grid-cols-2 gap-2">
          {PRIVACY_REQUEST_KINDS.map((k) => (
            <label
              key={k}
              className="flex cursor-pointer items-center justify-center rounded-md px-2 py-3 text-center text-sm font-medium ring-1 ring-slate-300 has-[:checked]:bg-brand-50 has-[:checked]:ring-2 has-[:checked]:ring-brand-600 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600"
            >
              <input type="radio" value={k} {...register("kind")} className="sr-only" />
              {t(`privacy.requests.kind.${k}`)}
            </label>
          ))}
        </div>
        {kindError ? (
          <p role="alert" className="mt-1 text-sm text-red-600">
            {t(kindError)}
          </p>
        ) : null}
      </fieldset>
      {watch("kind") === "deletion" ? (
        <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">
          {t("privacy.requests.deletionHelp", { years: retentionYears })}
        </p>
      ) : null}
      <DetailsField field={register("details")} error={detailsError} />
      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-700">
          {t(formError)}
        </p>
      ) : null}
      {sent ? (
        <p role="status" className="rounded-md bg-green-50 p-2 text-sm text-green-800">
          {t("privacy.requests.sent")}
        </p>
      ) : null}
      <Button type="submit" className="w-full py-3 text-base" disabled={submitting}>
        {submitting ? t("privacy.requests.submitting") : t("privacy.requests.submit")}
      </Button>
    </form>
  );
}

/** The free-text details of the request, with its error under it. */
function DetailsField({ field, error }: { field: UseFormRegisterReturn; error: string | undefined }) {
  const t = useTranslations();
  return (
    <div>
      <label htmlFor="privacy-details" className="mb-1 block text-sm font-medium text-slate-700">
        {t("privacy.requests.details")}
      </label>
      <textarea
        id="privacy-details"
        rows={3}
        aria-invalid={error ? true : undefined}
        className="block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm sm:text-sm"
        placeholder={t("privacy.requests.detailsHint")}
        {...field}
      />
      {error ? (
        <p role="alert" className="mt-1 text-sm text-red-600">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}
