import { getTranslations } from "next-intl/server";
import { KB_CATEGORIES, WORK_ORDER_TYPES } from "@/db/schema/tickets";
import { ActionForm, FieldError } from "./action-form";
import { buttonClass, inputClass, labelClass } from "./order-bits";
import type { ActionFn } from "@/lib/actions/result";

export async function KbForm({
  saveArticleAction,
  article,
}: {
  saveArticleAction: ActionFn<FormData, { id: number } | null>;
  article?: { id: number; title: string; category: string; body: string; workOrderTypes: string[]; public: boolean };
}) {
  const t = await getTranslations("tickets");
  return (
    <ActionForm action={saveArticleAction} redirectTo="/staff/kb/{id}" className="space-y-3" testId="kb-form">
      {article ? <input type="hidden" name="id" value={article.id} /> : null}
      <div>
        <label htmlFor="kb-title" className={labelClass}>
          {t("kb.titleLabel")}
        </label>
        <input id="kb-title" name="title" defaultValue={article?.title} maxLength={200} className={inputClass} />
        <FieldError name="title" />
      </div>
      <div>
        <label htmlFor="kb-category" className={labelClass}>
          {t("kb.category")}
        </label>
        <select id="kb-category" name="category" defaultValue={article?.category ?? "procedure"} className={inputClass}>
          {KB_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`kbCategory.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="kb-body" className={labelClass}>
          {t("kb.body")}
        </label>
        <textarea id="kb-body" name="body" rows={8} defaultValue={article?.body} className={inputClass} />
        <FieldError name="body" />
      </div>
      <fieldset>
        <legend className={labelClass}>{t("kb.types")}</legend>
        <div className="flex flex-wrap gap-3">
          {WORK_ORDER_TYPES.map((ty) => (
            <label key={ty} className="flex items-center gap-1 text-sm">
              <input
                type="checkbox"
                name="workOrderTypes"
                value={ty}
                defaultChecked={article?.workOrderTypes.includes(ty)}
                className="accent-brand-600"
              />
              {t(`type.${ty}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="public" defaultChecked={article?.public} className="accent-brand-600" />
        {t("kb.public")}
      </label>
      <button type="submit" className={buttonClass}>
        {t("common.save")}
      </button>
    </ActionForm>
  );
}
