"use client";

import { CircleCheck } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import type { ApplyLine } from "@/lib/registry/import/report";

/** After a run: the counts, and the first households created or changed with their units. */
export function ImportResult({
  result,
  onAgain,
}: {
  result: Extract<ApplyLine, { type: "done" }>;
  onAgain: () => void;
}) {
  const t = useTranslations("import.done");
  const common = useTranslations("common");
  const format = useFormatter();
  const figures = [
    ["created", result.created],
    ["updated", result.updated],
    ["unchanged", result.unchanged],
    ["skipped", result.skipped],
  ] as const;
  const more = result.householdsCreated - result.households.filter((h) => h.status === "created").length;
  return (
    <section aria-labelledby="import-done-title" className="space-y-4" role="status">
      <h3 id="import-done-title" className="flex items-center gap-2 text-base font-semibold text-brand-700">
        <CircleCheck aria-hidden className="h-5 w-5" />
        {t("title")}
      </h3>
      <dl className="grid max-w-xl grid-cols-4 gap-2">
        {figures.map(([key, value]) => (
          <div key={key} className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
            <dt className="text-xs text-slate-500">{t(key)}</dt>
            <dd className="text-lg font-semibold tabular-nums text-slate-900">{format.number(value)}</dd>
          </div>
        ))}
      </dl>
      {result.households.length ? (
        <div className="space-y-2">
          <h4 className="text-sm font-semibold text-slate-900">{t("householdsTitle")}</h4>
          <Table head={[t("name"), t("code"), t("units"), t("status")]}>
            {result.households.map((h) => (
              <tr key={h.code}>
                <td className="font-medium text-slate-900" data-user-text>
                  {h.name}
                </td>
                <td className="font-mono text-xs text-slate-700">{h.code}</td>
                <td className="text-slate-700" data-user-text>
                  {h.units.join(common("listSeparator")) || "—"}
                </td>
                <td>
                  <span
                    className={`rounded px-1.5 py-0.5 text-xs ${h.status === "created" ? "bg-brand-50 text-brand-700" : "bg-amber-50 text-amber-800"}`}
                  >
                    {h.status === "created" ? t("statusCreated") : t("statusUpdated")}
                  </span>
                </td>
              </tr>
            ))}
          </Table>
          {more > 0 ? <p className="text-xs text-slate-500">{t("more", { count: more })}</p> : null}
        </div>
      ) : null}
      <Button type="button" variant="secondary" onClick={onAgain}>
        {t("again")}
      </Button>
    </section>
  );
}
