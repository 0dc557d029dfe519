"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { UNIT_TYPES } from "@/db/schema/registry";
import { EditUnitForm } from "./unit-form";
import type { SchemaAction } from "@/lib/actions/result";
import type { unitUpdateSchema } from "@/lib/registry/schemas";

/** An "edit" toggle that opens the unit's form in place. */
export function UnitRowEditor(props: {
  updateUnitAction: SchemaAction<typeof unitUpdateSchema>;
  id: number;
  number: string;
  floor: number | null;
  area: string;
  type: (typeof UNIT_TYPES)[number];
}) {
  const t = useTranslations("registry");
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button type="button" className="text-xs text-brand-700 hover:underline" onClick={() => setOpen(true)}>
        {t("edit")}
      </button>
    );
  return (
    <div className="mt-2 rounded-md bg-slate-50 p-2 ring-1 ring-slate-200">
      <EditUnitForm {...props} onDone={() => setOpen(false)} />
      <button type="button" className="mt-2 text-xs text-slate-600 hover:underline" onClick={() => setOpen(false)}>
        {t("cancel")}
      </button>
    </div>
  );
}
