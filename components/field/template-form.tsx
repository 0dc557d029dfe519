import { getTranslations } from "next-intl/server";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import { INSPECTION_AREA_KINDS, INSPECTION_TEAMS, type InspectionTemplateItem } from "@/db/schema/inspections";
import type { ActionResult } from "@/lib/actions/result";

const INPUT = "mt-1 block min-h-11 w-full rounded-md border border-slate-300 px-3 py-2 text-sm";
const BLANK_ROWS = 3;

/**
 * A quality-inspection template (issue 19 point 3): name, area type and its items (label, max
 * score, responsible team). The items post as parallel lists; a row left blank is dropped.
 */
export async function TemplateForm({
  template,
  action,
}: {
  template: { id: number; name: string; areaKind: string; active: boolean; items: InspectionTemplateItem[] } | null;
  action: (fd: FormData) => Promise<ActionResult<{ id: number }>>;
}) {
  const t = await getTranslations("field");
  const rows: (InspectionTemplateItem | null)[] = [...(template?.items ?? []), ...Array(BLANK_ROWS).fill(null)];
  return (
    <ActionForm action={action} redirectTo="/staff/field/inspections" className="space-y-3" testId="template-form">
      {template ? <input type="hidden" name="id" value={template.id} /> : null}
      <label className="block text-sm">
        {t("template.name")}
        <input name="name" defaultValue={template?.name ?? ""} maxLength={100} className={INPUT} />
      </label>
      <FieldError name="name" />
      <label className="block text-sm">
        {t("template.areaKind")}
        <select name="areaKind" defaultValue={template?.areaKind ?? "lobby"} className={INPUT}>
          {INSPECTION_AREA_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`areaKind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex min-h-11 items-center gap-3 text-sm">
        <input type="checkbox" name="active" defaultChecked={template?.active ?? true} className="h-5 w-5" />
        {t("template.active")}
      </label>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("template.items")}</legend>
        <p className="text-xs text-slate-600">{t("template.itemsHint")}</p>
        <FieldError name="items" />
        {rows.map((item, i) => (
          <ItemRow key={i} index={i} item={item} t={t} />
        ))}
      </fieldset>
      <button
        type="submit"
        className="min-h-11 w-full rounded-md bg-brand-600 px-4 text-sm font-medium text-white sm:w-auto"
      >
        {t("template.save")}
      </button>
    </ActionForm>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<"field">>>;

/** One item row: label, max score, responsible team (parallel lists label[] / maxScore[] / team[]). */
function ItemRow({ index, item, t }: { index: number; item: InspectionTemplateItem | null; t: T }) {
  return (
    <div className="grid grid-cols-1 gap-2 rounded-md border border-slate-200 p-2 sm:grid-cols-[1fr_7rem_10rem]">
      <label className="block text-xs">
        {t("template.label")} {index + 1}
        <input name="label" defaultValue={item?.label ?? ""} maxLength={100} className={INPUT} />
      </label>
      <label className="block text-xs">
        {t("template.maxScore")}
        <input name="maxScore" type="number" min={1} max={100} defaultValue={item?.maxScore ?? 10} className={INPUT} />
      </label>
      <label className="block text-xs">
        {t("template.team")}
        <select name="team" defaultValue={item?.team ?? "cleaning"} className={INPUT}>
          {INSPECTION_TEAMS.map((k) => (
            <option key={k} value={k}>
              {t(`team.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="sm:col-span-3">
        <FieldError name={`items.${index}.label`} />
        <FieldError name={`items.${index}.maxScore`} />
      </div>
    </div>
  );
}
