"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { rejectRegistrationSchema } from "@/lib/residents/schemas";
import type { SchemaAction } from "@/lib/actions/result";
import type { approveRegistrationSchema } from "@/lib/residents/schemas";

function useRejectForm(linkId: number, rejectRegistrationAction: SchemaAction<typeof rejectRegistrationSchema>) {
  return useActionForm(rejectRegistrationSchema, rejectRegistrationAction, { defaultValues: { linkId, reason: "" } });
}

/** Approve at once, or reject with an optional reason the resident will see. */
export function RegistrationDecision({
  approveRegistrationAction,
  rejectRegistrationAction,
  linkId,
  requester,
}: {
  approveRegistrationAction: SchemaAction<typeof approveRegistrationSchema>;
  rejectRegistrationAction: SchemaAction<typeof rejectRegistrationSchema>;
  linkId: number;
  requester: string;
}) {
  const t = useTranslations();
  const [rejecting, setRejecting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [approving, startApprove] = useTransition();
  const reject = useRejectForm(linkId, rejectRegistrationAction);
  const busy = approving || reject.submitting;

  if (rejecting) return <RejectForm linkId={linkId} reject={reject} busy={busy} onCancel={() => setRejecting(false)} />;

  return (
    <div className="space-y-1">
      <div className="flex flex-wrap gap-2">
        <Button
          className="px-3 py-1 text-xs"
          disabled={busy}
          aria-label={`${t("residents.staff.approve")} ${requester}`}
          onClick={() =>
            startApprove(async () => {
              setError(null);
              const result = await approveRegistrationAction({ linkId });
              if (!result.ok) setError(result.message);
            })
          }
        >
          {approving ? t("residents.staff.working") : t("residents.staff.approve")}
        </Button>
        <Button
          variant="secondary"
          className="px-3 py-1 text-xs"
          disabled={busy}
          aria-label={`${t("residents.staff.reject")} ${requester}`}
          onClick={() => setRejecting(true)}
        >
          {t("residents.staff.reject")}
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-xs text-red-600">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

function RejectForm({
  linkId,
  reject,
  busy,
  onCancel,
}: {
  linkId: number;
  reject: ReturnType<typeof useRejectForm>;
  busy: boolean;
  onCancel: () => void;
}) {
  const t = useTranslations();
  const { form, onSubmit, errorOf, formError, submitting } = reject;
  const reasonError = errorOf("reason");
  return (
    <form onSubmit={onSubmit} className="w-full min-w-56 space-y-2" noValidate>
      <input type="hidden" {...form.register("linkId")} />
      <label className="block text-xs font-medium text-slate-700" htmlFor={`reason-${linkId}`}>
        {t("residents.staff.reason")}
      </label>
      <textarea
        id={`reason-${linkId}`}
        rows={2}
        placeholder={t("residents.staff.reasonPlaceholder")}
        aria-invalid={reasonError ? true : undefined}
        className="block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
        {...form.register("reason")}
      />
      {reasonError || formError ? (
        <p role="alert" className="text-xs text-red-600">
          {t(reasonError ?? formError ?? "errors.internal")}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" variant="danger" className="px-3 py-1 text-xs" disabled={busy}>
          {submitting ? t("residents.staff.working") : t("residents.staff.confirmReject")}
        </Button>
        <Button type="button" variant="secondary" className="px-3 py-1 text-xs" disabled={busy} onClick={onCancel}>
          {t("residents.staff.cancel")}
        </Button>
      </div>
    </form>
  );
}
