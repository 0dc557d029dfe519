"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";

/**
 * A select that saves on change: pick a person (or "none") for a building, a butler's
 * supervisor or a community's project manager.
 */
export function AssignSelect({
  label,
  value,
  people,
  save,
}: {
  label: string;
  value: number | null;
  people: { id: number; name: string }[];
  save: (userId: number | null) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations();
  const [current, setCurrent] = useState(value === null ? "" : String(value));
  const [pending, start] = useTransition();
  const [status, setStatus] = useState<"saved" | string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <select
        aria-label={label}
        value={current}
        disabled={pending}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        onChange={(e) => {
          const next = e.target.value;
          setCurrent(next);
          start(async () => {
            const res = await save(next === "" ? null : Number(next));
            if (res.ok) setStatus("saved");
            else {
              setStatus(res.fieldErrors ? Object.values(res.fieldErrors)[0][0] : res.message);
              setCurrent(value === null ? "" : String(value));
            }
          });
        }}
      >
        <option value="">{t("registry.unassigned")}</option>
        {people.map((p) => (
          <option key={p.id} value={p.id} data-user-text>
            {p.name}
          </option>
        ))}
      </select>
      {pending ? <span className="text-xs text-slate-500">{t("common.saving")}</span> : null}
      {!pending && status === "saved" ? <span className="text-xs text-brand-700">{t("common.saved")}</span> : null}
      {!pending && status && status !== "saved" ? (
        <span role="alert" className="text-xs text-red-600">
          {t(status)}
        </span>
      ) : null}
    </span>
  );
}
