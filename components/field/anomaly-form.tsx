import { getTranslations } from "next-intl/server";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import { Card } from "@/components/ui/card";
import { ANOMALY_KINDS } from "@/db/schema/field";
import type { ActionResult } from "@/lib/actions/result";

const INPUT = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

/** A guard reports an anomaly at a checkpoint of the round; it becomes a security work order with the photo. */
export async function AnomalyForm({
  roundId,
  points,
  action,
}: {
  roundId: number;
  points: readonly { id: number; seq: number; name: string }[];
  action: (fd: FormData) => Promise<ActionResult<{ id: number }>>;
}) {
  const t = await getTranslations("field.anomaly");
  return (
    <Card title={t("title")}>
      <ActionForm action={action} className="space-y-2" testId="anomaly-form">
        <input type="hidden" name="roundId" value={roundId} />
        <label className="block text-sm">
          {t("checkpoint")}
          <select name="checkpointId" className={INPUT}>
            {points.map((p) => (
              <option key={p.id} value={p.id} data-user-text>
                {p.seq}. {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          {t("kindLabel")}
          <select name="kind" className={INPUT}>
            {ANOMALY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          {t("noteLabel")}
          <textarea name="note" rows={3} maxLength={1000} className={INPUT} />
        </label>
        <FieldError name="note" />
        <label className="block text-sm">
          {t("photo")}
          <input
            name="photos"
            type="file"
            accept="image/*"
            capture="environment"
            className="mt-1 block w-full text-sm"
          />
        </label>
        <FieldError name="photos" />
        <button type="submit" className="min-h-11 w-full rounded-md bg-red-600 px-4 text-sm font-medium text-white">
          {t("submit")}
        </button>
      </ActionForm>
    </Card>
  );
}
