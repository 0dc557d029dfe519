import { getTranslations } from "next-intl/server";
import { Input, Select } from "@/components/forms/action-fields";
import { ActionForm } from "@/components/tickets/action-form";
import type { ActionResult } from "@/lib/actions/result";

/** A resident's new pass: home, visitor, plate, window (company time), one-time or multi-entry. */
export async function PassForm({
  action,
  homes,
  defaultFrom,
  defaultUntil,
}: {
  action: (fd: FormData) => Promise<ActionResult<{ id: number } | null>>;
  homes: { id: number; label: string }[];
  defaultFrom: string;
  defaultUntil: string;
}) {
  const t = await getTranslations("visitors");
  return (
    <ActionForm action={action} redirectTo="/visitors/{id}" className="space-y-3" testId="pass-form">
      <Select
        name="householdId"
        label={t("household")}
        options={homes.map((h) => ({ value: h.id, label: h.label, user: true }))}
      />
      <Input name="visitorName" label={t("visitorName")} maxLength={40} />
      <Input name="plate" label={t("plate")} maxLength={12} />
      <p className="text-xs text-slate-500">{t("plateHint")}</p>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Input name="validFrom" type="datetime-local" label={t("validFrom")} defaultValue={defaultFrom} />
        <Input name="validUntil" type="datetime-local" label={t("validUntil")} defaultValue={defaultUntil} />
      </div>
      <fieldset>
        <legend className="mb-1 block text-sm font-medium text-slate-700">{t("kind")}</legend>
        <div className="flex gap-4 text-sm">
          <label className="flex items-center gap-1">
            <input type="radio" name="kind" value="once" defaultChecked /> {t("kindOnce")}
          </label>
          <label className="flex items-center gap-1">
            <input type="radio" name="kind" value="multi" /> {t("kindMulti")}
          </label>
        </div>
      </fieldset>
      <Input name="maxEntries" type="number" inputMode="numeric" label={t("maxEntries")} min={2} max={20} />
      <button type="submit" className="w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">
        {t("create")}
      </button>
    </ActionForm>
  );
}
