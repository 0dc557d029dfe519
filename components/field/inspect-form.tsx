"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import type { InspectionTemplateItem } from "@/db/schema/inspections";
import type { ActionResult } from "@/lib/actions/result";
import { INSPECT_INPUT, InspectItem, type ItemScore } from "./inspect-item";

const INPUT = INSPECT_INPUT;

type Template = { id: number; name: string; areaKind: string; items: InspectionTemplateItem[] };
type Score = ItemScore;

const fresh = (t: Template | undefined): Score[] =>
  (t?.items ?? []).map((i) => ({ score: i.maxScore, defect: false, note: "" }));

/**
 * The supervisor's inspection on the phone (issue 19 point 3): community, area and template,
 * then each item scored with ±-buttons (44 px), defects marked with a note and a photo. The
 * scores go as one JSON field; `requestId` (fresh per page view) makes a double submit harmless.
 */
export function InspectForm({
  requestId,
  communities,
  areas,
  templates,
  action,
}: {
  requestId: string;
  communities: { id: number; name: string }[];
  areas: { id: number; name: string; communityId: number }[];
  templates: Template[];
  action: (fd: FormData) => Promise<ActionResult<{ id: number }>>;
}) {
  const t = useTranslations("field");
  const [communityId, setCommunityId] = useState(communities[0]?.id ?? 0);
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? 0);
  const template = templates.find((x) => x.id === templateId);
  const [scores, setScores] = useState<Score[]>(() => fresh(template));
  const set = (i: number, patch: Partial<Score>) =>
    setScores((s) => s.map((x, k) => (k === i ? { ...x, ...patch } : x)));
  const total = scores.reduce((n, s) => n + s.score, 0);
  const max = template?.items.reduce((n, i) => n + i.maxScore, 0) ?? 0;
  return (
    <ActionForm
      action={action}
      redirectTo="/staff/field/inspections?done={id}"
      className="space-y-3"
      testId="inspect-form"
    >
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="items" value={JSON.stringify(scores)} />
      <PlaceFields communities={communities} areas={areas} communityId={communityId} onCommunity={setCommunityId} />
      <label className="block text-sm">
        {t("inspect.template")}
        <select
          name="templateId"
          className={INPUT}
          value={templateId}
          onChange={(e) => {
            const id = Number(e.target.value);
            setTemplateId(id);
            setScores(fresh(templates.find((x) => x.id === id)));
          }}
        >
          {/* Grouped by area type (the group label is system text, the template names are user text). */}
          {[...new Set(templates.map((x) => x.areaKind))].map((kind) => (
            <optgroup key={kind} label={t(`areaKind.${kind}`)}>
              {templates
                .filter((x) => x.areaKind === kind)
                .map((x) => (
                  <option key={x.id} value={x.id} data-user-text>
                    {x.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      <FieldError name="items" />
      <ol className="space-y-3">
        {template?.items.map((item, i) => (
          <InspectItem
            key={`${templateId}-${i}`}
            index={i}
            item={item}
            value={scores[i]}
            onChange={(patch) => set(i, patch)}
          />
        ))}
      </ol>
      <FieldError name="photos" />
      <p className="text-sm text-slate-700" data-testid="inspect-total">
        {t("inspect.total", { score: total, max })}
      </p>
      <button type="submit" className="min-h-11 w-full rounded-md bg-brand-600 px-4 text-base font-medium text-white">
        {t("inspect.submit")}
      </button>
    </ActionForm>
  );
}

/** The community and (optionally) the area inspected; the areas follow the chosen community. */
function PlaceFields({
  communities,
  areas,
  communityId,
  onCommunity,
}: {
  communities: { id: number; name: string }[];
  areas: { id: number; name: string; communityId: number }[];
  communityId: number;
  onCommunity: (id: number) => void;
}) {
  const t = useTranslations("field");
  return (
    <>
      <label className="block text-sm">
        {t("inspect.community")}
        <select
          name="communityId"
          className={INPUT}
          value={communityId}
          onChange={(e) => onCommunity(Number(e.target.value))}
        >
          {communities.map((c) => (
            <option key={c.id} value={c.id} data-user-text>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        {t("inspect.area")}
        <select name="areaId" className={INPUT} defaultValue="">
          <option value="">{t("inspect.noArea")}</option>
          {areas
            .filter((a) => a.communityId === communityId)
            .map((a) => (
              <option key={a.id} value={a.id} data-user-text>
                {a.name}
              </option>
            ))}
        </select>
      </label>
    </>
  );
}
