import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import type { ActionResult } from "@/lib/actions/result";

const button = "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white";

/**
 * The queue's bulk form for people who hand out work (批量派单): the ticked rows go to the chosen
 * technician or butler; "accept selected" appears as well when some rows are dispatched to the viewer.
 */
export async function BulkAssignForm({
  action,
  staff,
  canAccept,
  children,
}: {
  action: (fd: FormData) => Promise<ActionResult<{ id: number } | null>>;
  staff: { id: number; name: string; role: "technician" | "butler" | string }[];
  canAccept: boolean;
  children: ReactNode;
}) {
  const t = await getTranslations("tickets");
  return (
    <ActionForm action={action} testId="bulk-assign">
      {children}
      <FieldError name="ids" />
      <div className="mt-3 flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("staff.assignTo")}</span>
          <select
            name="userId"
            defaultValue=""
            className="min-h-11 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            <option value="">{t("staff.choosePerson")}</option>
            {/* Grouped by role (the group label is system text, the names are user text). */}
            {[...new Set(staff.map((s) => s.role))].map((role) => (
              <optgroup key={role} label={t(`role.${role}` as "role.butler")}>
                {staff
                  .filter((s) => s.role === role)
                  .map((s) => (
                    <option key={s.id} value={s.id} data-user-text>
                      {s.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
        <button type="submit" name="op" value="assign" className={button}>
          {t("staff.bulkAssign")}
        </button>
        {canAccept ? (
          <button type="submit" name="op" value="accept" className={button}>
            {t("staff.bulkAccept")}
          </button>
        ) : null}
      </div>
      <FieldError name="userId" />
    </ActionForm>
  );
}
