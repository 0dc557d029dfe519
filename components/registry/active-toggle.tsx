"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import type { SchemaAction } from "@/lib/actions/result";
import type { activeSchema } from "@/lib/registry/schemas";
import type { ActivatableEntity } from "@/lib/registry/commands/estate";

/** Deactivate / reactivate with a confirmation; history stays on the row. */
export function ActiveToggle({
  setActiveAction,
  entity,
  id,
  active,
  compact = false,
}: {
  setActiveAction: SchemaAction<typeof activeSchema>;
  entity: ActivatableEntity;
  id: number;
  active: boolean;
  compact?: boolean;
}) {
  const t = useTranslations();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        className={`${compact ? "text-xs" : "rounded-md px-3 py-1.5 text-sm ring-1"} ${active ? "text-red-700 ring-red-200 hover:bg-red-50" : "text-brand-700 ring-brand-100 hover:bg-brand-50"}`}
        onClick={() => {
          if (active && !window.confirm(t("registry.confirmDeactivate"))) return;
          start(async () => {
            const res = await setActiveAction({ entity, id, active: !active });
            setError(res.ok ? null : (res.fieldErrors?._form?.[0] ?? res.message));
          });
        }}
      >
        {active ? t("registry.deactivate") : t("registry.reactivate")}
      </button>
      {error ? (
        <span role="alert" className="text-xs text-red-600">
          {t(error)}
        </span>
      ) : null}
    </span>
  );
}
