"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { COMPLAINT_CLASSES } from "@/db/schema/tickets";
import { DEFAULT_CRM_RULES, type CrmRules } from "@/lib/crm/config";
import { defaultComplaintPoints } from "@/lib/crm/rules/complaints";
import type { ComplaintClass } from "@/lib/tickets/rules";
import { FieldError } from "./action-form";

/** Classification + points; the points follow the classification's lower bound (under the company's published rules) until edited. */
export function TriageFields({ ranges = DEFAULT_CRM_RULES.complaints }: { ranges?: CrmRules["complaints"] }) {
  const t = useTranslations("tickets");
  const [c, setC] = useState<ComplaintClass>("general");
  const [points, setPoints] = useState<string>(String(defaultComplaintPoints(ranges, "general")));
  const range = ranges[c];
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <div>
        <label htmlFor="classification" className="mb-1 block text-sm font-medium text-slate-700">
          {t("common.classification")}
        </label>
        <select
          id="classification"
          name="classification"
          value={c}
          onChange={(e) => {
            const next = e.target.value as ComplaintClass;
            setC(next);
            setPoints(String(defaultComplaintPoints(ranges, next)));
          }}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          {COMPLAINT_CLASSES.map((k) => (
            <option key={k} value={k}>
              {t(`classification.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="points" className="mb-1 block text-sm font-medium text-slate-700">
          {t("common.points")}
        </label>
        <input
          id="points"
          name="points"
          type="number"
          value={points}
          onChange={(e) => setPoints(e.target.value)}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
        <p className="mt-1 text-xs text-slate-500">{t("staff.triageHint", { min: range.min, max: range.max })}</p>
        <FieldError name="points" />
      </div>
    </div>
  );
}
