"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { SchemaAction } from "@/lib/actions/result";
import type { removeLinkSchema } from "@/lib/residents/schemas";

/** An owner removes a family member or tenant, after an inline confirmation. */
export function RemoveLinkButton({
  removeLinkAction,
  linkId,
  name,
}: {
  removeLinkAction: SchemaAction<typeof removeLinkSchema>;
  linkId: number;
  name: string;
}) {
  const t = useTranslations();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (!confirming)
    return (
      <Button variant="ghost" className="px-2 py-1 text-xs text-red-700" onClick={() => setConfirming(true)}>
        {t("residents.home.remove")}
      </Button>
    );
  return (
    <div className="mt-2 w-full space-y-2 rounded-md bg-red-50 p-2 ring-1 ring-red-200">
      <p className="text-sm text-red-800">{t("residents.home.removeConfirm", { name })}</p>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {t(error)}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button
          variant="danger"
          className="px-3 py-1.5 text-xs"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              setError(null);
              const result = await removeLinkAction({ linkId });
              if (!result.ok) setError(result.message);
            })
          }
        >
          {pending ? t("residents.home.removing") : t("residents.home.confirmRemove")}
        </Button>
        <Button
          variant="secondary"
          className="px-3 py-1.5 text-xs"
          disabled={pending}
          onClick={() => setConfirming(false)}
        >
          {t("residents.home.cancel")}
        </Button>
      </div>
    </div>
  );
}
