"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { SchemaAction } from "@/lib/actions/result";
import type { checkoutSchema } from "@/lib/billing/schemas";

/** Opens a checkout for the given bills (and months ahead) and goes to its payment page (sandbox or provider). */
export function PayButton({
  startCheckoutAction,
  householdId,
  billIds,
  aheadMonths = 0,
  label,
  variant = "primary",
}: {
  startCheckoutAction: SchemaAction<typeof checkoutSchema, { sessionId: string; url: string }>;
  householdId: number;
  billIds: number[];
  aheadMonths?: number;
  label: string;
  variant?: "primary" | "secondary";
}) {
  const t = useTranslations();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-end">
      <Button
        type="button"
        variant={variant}
        disabled={pending}
        onClick={() =>
          start(async () => {
            setError(null);
            const r = await startCheckoutAction({ householdId, billIds, aheadMonths });
            // The sandbox's page is ours; a provider's (WeChat Pay H5) is another site.
            if (r.ok && r.data.url.startsWith("/")) router.push(r.data.url);
            else if (r.ok) window.location.assign(r.data.url);
            else setError(r.fieldErrors ? Object.values(r.fieldErrors)[0][0] : r.message);
          })
        }
      >
        {label}
      </Button>
      {error ? (
        <span role="alert" className="mt-1 text-xs text-red-600">
          {t(error)}
        </span>
      ) : null}
    </span>
  );
}

/** Pay N months ahead: choose N, then checkout. */
export function PayAhead({
  startCheckoutAction,
  householdId,
  billIds,
}: {
  startCheckoutAction: Parameters<typeof PayButton>[0]["startCheckoutAction"];
  householdId: number;
  billIds: number[];
}) {
  const t = useTranslations("billing.resident");
  const [months, setMonths] = useState(12);
  return (
    <div className="flex items-end justify-between gap-3">
      <label className="text-sm">
        <span className="mb-1 block font-medium text-slate-700">{t("aheadMonths")}</span>
        <select
          value={months}
          onChange={(e) => setMonths(Number(e.target.value))}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-base"
        >
          {[1, 3, 6, 12, 24].map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <PayButton
        startCheckoutAction={startCheckoutAction}
        householdId={householdId}
        billIds={billIds}
        aheadMonths={months}
        label={t("payAheadButton")}
        variant="secondary"
      />
    </div>
  );
}
