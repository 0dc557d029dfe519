import { getTranslations } from "next-intl/server";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import { buttonClass, inputClass, labelClass } from "@/components/tickets/order-bits";
import { Card, EmptyState } from "@/components/ui/card";
import { REPAIR_CATEGORIES } from "@/db/schema/tickets";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { residentHouseholds } from "@/lib/registry/queries";
import { RESIDENT_TYPES } from "@/lib/tickets/rules";
import { submitRequestAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("tickets.resident"))("newTitle") };
}

export default async function NewRequestPage() {
  const user = await requireUser(["resident"]);
  const t = await getTranslations("tickets");
  const homes = await residentHouseholds(getDb(), user.companyId, user.id);
  const units = homes.flatMap((h) => h.units);
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">{t("resident.newTitle")}</h1>
      {units.length === 0 ? (
        <EmptyState>{t("resident.noUnits")}</EmptyState>
      ) : (
        <Card>
          <ActionForm
            action={submitRequestAction}
            redirectTo="/requests/{id}"
            className="space-y-4"
            testId="request-form"
          >
            <RequestFields units={units} />
            <button type="submit" className={`${buttonClass} w-full`}>
              {t("common.submit")}
            </button>
          </ActionForm>
        </Card>
      )}
    </div>
  );
}

async function RequestFields({ units }: { units: { id: number; label: string }[] }) {
  const t = await getTranslations("tickets");
  return (
    <>
      <div>
        <label htmlFor="type" className={labelClass}>
          {t("common.type")}
        </label>
        <select id="type" name="type" className={inputClass} defaultValue="repair">
          {RESIDENT_TYPES.map((ty) => (
            <option key={ty} value={ty}>
              {t(`type.${ty}`)}
            </option>
          ))}
        </select>
        <FieldError name="type" />
      </div>
      <div>
        <label htmlFor="repairCategory" className={labelClass}>
          {t("common.category")}
        </label>
        <select id="repairCategory" name="repairCategory" className={inputClass} defaultValue="">
          <option value="">{t("common.none")}</option>
          {REPAIR_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`category.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="unitId" className={labelClass}>
          {t("common.unit")}
        </label>
        <select id="unitId" name="unitId" className={inputClass}>
          {units.map((u) => (
            <option key={u.id} value={u.id} data-user-text>
              {u.label}
            </option>
          ))}
        </select>
        <FieldError name="unitId" />
      </div>
      <div>
        <label htmlFor="description" className={labelClass}>
          {t("common.description")}
        </label>
        <textarea
          id="description"
          name="description"
          rows={4}
          maxLength={2000}
          placeholder={t("resident.descriptionPlaceholder")}
          className={inputClass}
        />
        <FieldError name="description" />
      </div>
      <div>
        <label htmlFor="photos" className={labelClass}>
          {t("common.photos")}
        </label>
        <input
          id="photos"
          name="photos"
          type="file"
          multiple
          accept="image/jpeg,image/png,image/webp,image/gif"
          className="block w-full text-sm"
        />
        <p className="mt-1 text-xs text-slate-500">{t("common.photosHint")}</p>
        <FieldError name="photos" />
      </div>
    </>
  );
}
