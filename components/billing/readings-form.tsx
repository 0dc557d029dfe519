"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormFooter } from "@/components/registry/form-footer";
import { useActionForm } from "@/components/forms/use-action-form";
import { readingsSchema } from "@/lib/billing/schemas";
import type { SchemaAction } from "@/lib/actions/result";

export interface ReadingRow {
  unitId: number;
  number: string;
  /** The previous reading as text; null when the unit has none yet (this one is the baseline). */
  previous: string | null;
  /** This month's reading when already recorded (readings are not edited). */
  recorded: string | null;
  consumption: string | null;
}

/** The reading sheet: one input per unit not yet read this month. Empty inputs are skipped. */
export function ReadingsForm({
  saveReadingsAction,
  feeItemId,
  period,
  rows,
}: {
  saveReadingsAction: SchemaAction<typeof readingsSchema>;
  feeItemId: number;
  period: string;
  rows: ReadingRow[];
}) {
  const t = useTranslations("billing.meters");
  const tr = useTranslations();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const open = rows.filter((r) => r.recorded === null);
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(readingsSchema, saveReadingsAction, {
    defaultValues: { feeItemId, period, readings: open.map((r) => ({ unitId: r.unitId, reading: "" })) },
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });
  const openIndex = new Map(open.map((r, i) => [r.unitId, i]));
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <input type="hidden" {...form.register("feeItemId")} />
      <input type="hidden" {...form.register("period")} />
      <table className="w-full text-sm">
        <ReadingsHead />
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => {
            const i = openIndex.get(r.unitId);
            const error = i === undefined ? undefined : errorOf(`readings.${i}.reading`);
            return (
              <tr key={r.unitId}>
                <td className="py-2 pr-3" data-user-text>
                  {r.number}
                </td>
                <td className="py-2 pr-3 tabular-nums">{r.previous ?? t("baseline")}</td>
                <td className="py-2 pr-3">
                  {i === undefined ? (
                    <span className="tabular-nums">{r.recorded}</span>
                  ) : (
                    <>
                      <input type="hidden" {...form.register(`readings.${i}.unitId`)} />
                      <input
                        inputMode="decimal"
                        aria-label={`${r.number} ${t("reading")}`}
                        aria-invalid={error ? true : undefined}
                        className="w-32 rounded-md border border-slate-300 px-2 py-1"
                        {...form.register(`readings.${i}.reading`)}
                      />
                      {error ? (
                        <p role="alert" className="mt-1 text-xs text-red-600">
                          {tr(error)}
                        </p>
                      ) : null}
                    </>
                  )}
                </td>
                <td className="py-2 tabular-nums">{r.consumption ?? ""}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {errorOf("readings") ? (
        <p role="alert" className="text-sm text-red-600">
          {tr(errorOf("readings") ?? "")}
        </p>
      ) : null}
      {open.length > 0 ? (
        <FormFooter submitting={submitting} saved={saved} formError={formError} label={t("save")} />
      ) : null}
    </form>
  );
}

/** The sheet's column headings. */
function ReadingsHead() {
  const t = useTranslations("billing.meters");
  return (
    <thead>
      <tr className="text-left text-slate-500">
        <th className="py-2 pr-3 font-medium">{t("unit")}</th>
        <th className="py-2 pr-3 font-medium">{t("previous")}</th>
        <th className="py-2 pr-3 font-medium">{t("reading")}</th>
        <th className="py-2 font-medium">{t("consumption")}</th>
      </tr>
    </thead>
  );
}
