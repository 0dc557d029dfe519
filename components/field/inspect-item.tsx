"use client";

import { useTranslations } from "next-intl";
import { FieldError } from "@/components/tickets/action-form";
import type { InspectionTemplateItem } from "@/db/schema/inspections";

export const INSPECT_INPUT = "mt-1 block min-h-11 w-full rounded-md border border-slate-300 px-3 py-2 text-base";
const STEP = "flex h-11 w-11 items-center justify-center rounded-md border border-slate-300 text-lg font-medium";

export type ItemScore = { score: number; defect: boolean; note: string };

/** One template item on the phone: ±1 buttons (44 px) around the score, a defect box, and for a defect a note and a photo. */
export function InspectItem({
  index,
  item,
  value,
  onChange,
}: {
  index: number;
  item: InspectionTemplateItem;
  value: ItemScore;
  onChange: (patch: Partial<ItemScore>) => void;
}) {
  const t = useTranslations("field");
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-3" data-testid={`inspect-item-${index}`}>
      <div className="flex items-start justify-between gap-2">
        <p className="min-w-0 font-medium" data-user-text>
          {item.label}
        </p>
        <span className="shrink-0 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
          {t(`team.${item.team}`)}
        </span>
      </div>
      <div
        className="mt-2 flex items-center gap-2"
        role="group"
        aria-label={t("inspect.scoreOf", { item: item.label })}
      >
        <button
          type="button"
          className={STEP}
          aria-label={t("inspect.less")}
          data-testid={`inspect-less-${index}`}
          onClick={() => onChange({ score: Math.max(0, value.score - 1) })}
        >
          −
        </button>
        <output className="min-w-16 text-center text-lg font-semibold" data-testid={`inspect-score-${index}`}>
          {value.score}/{item.maxScore}
        </output>
        <button
          type="button"
          className={STEP}
          aria-label={t("inspect.more")}
          onClick={() => onChange({ score: Math.min(item.maxScore, value.score + 1) })}
        >
          +
        </button>
      </div>
      <label className="mt-2 flex min-h-11 items-center gap-3 text-sm">
        <input
          type="checkbox"
          className="h-5 w-5"
          checked={value.defect}
          onChange={(e) => onChange({ defect: e.target.checked })}
          data-testid={`inspect-defect-${index}`}
        />
        {t("inspect.defect")}
      </label>
      {value.defect ? <DefectFields index={index} note={value.note} onNote={(note) => onChange({ note })} /> : null}
      <FieldError name={`items.${index}`} />
    </li>
  );
}

/** A defect's note and photo (the photo goes as file `photo-<index>`). */
function DefectFields({ index, note, onNote }: { index: number; note: string; onNote: (note: string) => void }) {
  const t = useTranslations("field");
  return (
    <div className="space-y-2">
      <label className="block text-sm">
        {t("inspect.note")}
        <textarea
          rows={2}
          maxLength={500}
          className={INSPECT_INPUT}
          value={note}
          onChange={(e) => onNote(e.target.value)}
          data-testid={`inspect-note-${index}`}
        />
      </label>
      <label className="block text-sm">
        {t("inspect.photo")}
        <input
          name={`photo-${index}`}
          type="file"
          accept="image/*"
          capture="environment"
          className="mt-1 block min-h-11 w-full text-sm"
          data-testid={`inspect-photo-${index}`}
        />
      </label>
    </div>
  );
}
