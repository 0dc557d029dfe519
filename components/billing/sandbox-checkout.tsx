"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/result";

type Decide = () => Promise<ActionResult<{ href: string }>>;

/**
 * The sandbox provider's hosted checkout buttons, for bills and shop orders alike: `pay` and
 * `cancel` are server actions bound to the checkout; each answers where to go next.
 */
export function SandboxCheckout({ pay, cancel }: { pay: Decide; cancel: Decide }) {
  const t = useTranslations();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (decide: Decide) =>
    start(async () => {
      setError(null);
      const r = await decide();
      if (!r.ok) return setError(r.message);
      router.push(r.data.href);
    });
  return (
    <div className="space-y-3">
      <Button type="button" className="w-full py-3 text-base" disabled={pending} onClick={() => run(pay)}>
        {t("billing.checkout.pay")}
      </Button>
      <Button type="button" variant="secondary" className="w-full" disabled={pending} onClick={() => run(cancel)}>
        {t("billing.checkout.cancel")}
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}
