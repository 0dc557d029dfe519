"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { sandboxCancelAction, sandboxPayAction } from "@/app/(resident)/pay/sandbox/[sessionId]/actions";

export function SandboxCheckout({ sessionId }: { sessionId: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (kind: "pay" | "cancel") =>
    start(async () => {
      setError(null);
      const r = await (kind === "pay" ? sandboxPayAction : sandboxCancelAction)({ sessionId });
      if (!r.ok) return setError(r.message);
      if (kind === "pay" && r.data.paymentId) router.push(`/bills/receipts/${r.data.paymentId}`);
      else router.push("/bills");
    });
  return (
    <div className="space-y-3">
      <Button type="button" className="w-full py-3 text-base" disabled={pending} onClick={() => run("pay")}>
        {t("billing.checkout.pay")}
      </Button>
      <Button type="button" variant="secondary" className="w-full" disabled={pending} onClick={() => run("cancel")}>
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
