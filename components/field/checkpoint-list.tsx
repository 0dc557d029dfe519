import { getTranslations } from "next-intl/server";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import type { ActionResult } from "@/lib/actions/result";
import { submitClass } from "./plan-forms";

type Action = (fd: FormData) => Promise<ActionResult<{ id: number } | null>>;
interface Point {
  id: number;
  seq: number;
  name: string;
  active: boolean;
}

const small = "min-h-11 rounded-md border border-slate-300 px-3 text-sm disabled:opacity-40";

/**
 * A route's checkpoints in order (issue 19 point 1): rename (the token stays), move up/down,
 * deactivate/activate, reissue the code; and a form to append one. Each row's buttons post the
 * row's checkpoint with the clicked operation (the submit button's name=value).
 */
export async function CheckpointList(props: {
  routeId: number;
  points: readonly Point[];
  rename: Action;
  change: Action;
  add: Action;
}) {
  const t = await getTranslations("field.edit");
  const active = props.points.filter((p) => p.active);
  let n = 0;
  return (
    <div className="space-y-3">
      <ol className="divide-y divide-slate-100" data-testid="checkpoints">
        {props.points.map((p) => {
          const position = p.active ? ++n : null;
          return (
            <CheckpointRow
              key={p.id}
              point={p}
              position={position}
              last={position === active.length}
              rename={props.rename}
              change={props.change}
            />
          );
        })}
      </ol>
      <p className="text-xs text-slate-600">{t("reissueHint")}</p>
      <ActionForm action={props.add} className="flex flex-wrap items-end gap-2" testId="checkpoint-add">
        <input type="hidden" name="routeId" value={props.routeId} />
        <label className="min-w-0 flex-1 text-sm">
          {t("addCheckpoint")}
          <input
            name="name"
            maxLength={100}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base sm:text-sm"
          />
        </label>
        <button type="submit" className={submitClass}>
          {t("add")}
        </button>
        <div className="w-full">
          <FieldError name="name" />
        </div>
      </ActionForm>
    </div>
  );
}

async function CheckpointRow({
  point: p,
  position,
  last,
  rename,
  change,
}: {
  point: Point;
  position: number | null;
  last: boolean;
  rename: Action;
  change: Action;
}) {
  const t = await getTranslations("field.edit");
  return (
    <li className="space-y-2 py-3" data-testid={`checkpoint-${p.id}`} data-active={p.active ? "1" : "0"}>
      <ActionForm key={p.name} action={rename} className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="checkpointId" value={p.id} />
        <span className="w-6 pb-3 text-sm font-semibold">{position ?? "–"}</span>
        <input
          name="name"
          defaultValue={p.name}
          maxLength={100}
          aria-label={t("name")}
          className="block min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2 text-base sm:text-sm"
        />
        <button type="submit" className={small}>
          {t("rename")}
        </button>
        <div className="w-full">
          <FieldError name="name" />
        </div>
      </ActionForm>
      <ActionForm action={change} className="flex flex-wrap gap-2 pl-8">
        <input type="hidden" name="checkpointId" value={p.id} />
        {p.active ? (
          <>
            <button type="submit" name="op" value="up" className={small} disabled={position === 1}>
              {t("up")}
            </button>
            <button type="submit" name="op" value="down" className={small} disabled={last}>
              {t("down")}
            </button>
            <button type="submit" name="op" value="reissue" className={small}>
              {t("reissue")}
            </button>
            <button type="submit" name="op" value="deactivate" className={small}>
              {t("deactivate")}
            </button>
          </>
        ) : (
          <>
            <span className="self-center text-xs text-slate-500">{t("inactive")}</span>
            <button type="submit" name="op" value="activate" className={small}>
              {t("activate")}
            </button>
          </>
        )}
      </ActionForm>
    </li>
  );
}
