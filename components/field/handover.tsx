import { getTranslations } from "next-intl/server";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import { Card } from "@/components/ui/card";
import type { ActionResult } from "@/lib/actions/result";
import { dateToZonedLocal } from "@/lib/time/zone";

interface Note {
  id: number;
  note: string;
  createdAt: Date;
  author: string;
  community: string;
}

/** The guards' shift handover (issue 19): a note for the next shift in one of the guard's communities, and the latest notes. */
export async function HandoverCard({
  places,
  notes,
  timeZone,
  action,
}: {
  places: readonly { id: number; name: string }[];
  notes: readonly Note[];
  timeZone: string;
  action: (fd: FormData) => Promise<ActionResult<{ id: number }>>;
}) {
  const t = await getTranslations("field");
  return (
    <Card title={t("handover.title")}>
      {places.length ? (
        <ActionForm action={action} className="space-y-2" testId="handover-form">
          <label className="block text-sm">
            {t("handover.community")}
            <select
              name="communityId"
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            >
              {places.map((p) => (
                <option key={p.id} value={p.id} data-user-text>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm">
            {t("handover.note")}
            <textarea
              name="note"
              rows={3}
              maxLength={1000}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            />
          </label>
          <FieldError name="note" />
          <button type="submit" className="min-h-11 w-full rounded-md bg-brand-600 px-4 text-sm font-medium text-white">
            {t("handover.save")}
          </button>
        </ActionForm>
      ) : null}
      {notes.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">{t("handover.none")}</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100" data-testid="handover-notes">
          {notes.map((n) => (
            <li key={n.id} className="py-2 text-sm">
              <p className="text-xs text-slate-500">
                <span data-user-text>{n.author}</span> · <span data-user-text>{n.community}</span> ·{" "}
                {dateToZonedLocal(n.createdAt, timeZone).replace("T", " ")}
              </p>
              <p className="whitespace-pre-wrap" data-user-text>
                {n.note}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
