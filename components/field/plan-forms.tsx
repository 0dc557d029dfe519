import { getTranslations } from "next-intl/server";
import { Input, Select, TextArea } from "@/components/forms/action-fields";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import type { ActionResult } from "@/lib/actions/result";

/**
 * The supervisor's forms for cleaning areas and patrol routes (issue 19 point 1), posted as
 * FormData to actions that parse them with the shared schemas (lib/field/schemas). Edit forms are
 * keyed on the saved values, so after a save they show what the server stored.
 */

type Action = (fd: FormData) => Promise<ActionResult<{ id: number } | null>>;
type Option = { id: number; name: string };
const KINDS = ["lobby", "stairwell", "garage", "grounds", "bins", "other"] as const;
const DAYS = [0, 1, 2, 3, 4, 5, 6] as const;
export const submitClass = "min-h-11 rounded-md bg-brand-600 px-4 text-sm font-medium text-white";

interface AreaValues {
  id: number;
  name: string;
  kind: string;
  standard: string;
  times: string[];
  windowMinutes: number;
  weekdays: number;
  assigneeId: number | null;
}

/** Create (with `communities`) or edit (with `area`) a cleaning area. */
export async function AreaForm(props: {
  action: Action;
  cleaners: readonly Option[];
  communities?: readonly Option[];
  area?: AreaValues;
  redirectTo?: string;
}) {
  const t = await getTranslations("field");
  const a = props.area;
  const weekdays = a?.weekdays ?? 127;
  return (
    <ActionForm
      key={a ? JSON.stringify(a) : "new"}
      action={props.action}
      redirectTo={props.redirectTo}
      className="grid gap-3 sm:grid-cols-2"
      testId={a ? "area-edit" : "area-new"}
    >
      {a ? <input type="hidden" name="areaId" value={a.id} /> : null}
      {props.communities ? (
        <Select
          name="communityId"
          label={t("edit.community")}
          options={props.communities.map((c) => ({ value: c.id, label: c.name, user: true }))}
        />
      ) : null}
      <Input name="name" label={t("edit.name")} defaultValue={a?.name} maxLength={100} />
      <Select
        name="kind"
        label={t("edit.kind")}
        defaultValue={a?.kind ?? "lobby"}
        options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
      />
      <Input
        name="times"
        label={t("edit.times")}
        placeholder={t("edit.timesHint")}
        defaultValue={a?.times.join(", ")}
      />
      <Input
        name="windowMinutes"
        label={t("edit.window")}
        type="number"
        inputMode="numeric"
        min={15}
        max={720}
        defaultValue={a?.windowMinutes ?? 120}
      />
      <fieldset className="sm:col-span-2">
        <legend className="mb-1 text-sm font-medium text-slate-700">{t("edit.weekdays")}</legend>
        <div className="flex flex-wrap gap-2">
          {DAYS.map((d) => (
            <label key={d} className="flex min-h-11 items-center gap-1 rounded-md border border-slate-300 px-3 text-sm">
              <input type="checkbox" name="weekdays" value={d} defaultChecked={(weekdays & (1 << d)) !== 0} />
              {t(`edit.d${d}`)}
            </label>
          ))}
        </div>
        <FieldError name="weekdays" />
      </fieldset>
      <PersonSelect name="assigneeId" label={t("edit.assignee")} people={props.cleaners} value={a?.assigneeId} />
      <TextArea
        name="standard"
        label={t("edit.standard")}
        defaultValue={a?.standard}
        rows={2}
        maxLength={1000}
        className="sm:col-span-2"
      />
      <div className="sm:col-span-2">
        <button type="submit" className={submitClass}>
          {a ? t("edit.save") : t("edit.create")}
        </button>
      </div>
    </ActionForm>
  );
}

interface RouteValues {
  id: number;
  name: string;
  times: string[];
  windowMinutes: number;
  guardId: number | null;
}

/** Create (with `communities`: also the first checkpoints, one per line) or edit (with `route`) a patrol route. */
export async function RouteForm(props: {
  action: Action;
  guards: readonly Option[];
  communities?: readonly Option[];
  route?: RouteValues;
  redirectTo?: string;
}) {
  const t = await getTranslations("field.edit");
  const r = props.route;
  return (
    <ActionForm
      key={r ? JSON.stringify(r) : "new"}
      action={props.action}
      redirectTo={props.redirectTo}
      className="grid gap-3 sm:grid-cols-2"
      testId={r ? "route-edit" : "route-new"}
    >
      {r ? <input type="hidden" name="routeId" value={r.id} /> : null}
      {props.communities ? (
        <Select
          name="communityId"
          label={t("community")}
          options={props.communities.map((c) => ({ value: c.id, label: c.name, user: true }))}
        />
      ) : null}
      <Input name="name" label={t("name")} defaultValue={r?.name} maxLength={100} />
      <Input name="times" label={t("times")} placeholder={t("timesHint")} defaultValue={r?.times.join(", ")} />
      <Input
        name="windowMinutes"
        label={t("window")}
        type="number"
        inputMode="numeric"
        min={15}
        max={720}
        defaultValue={r?.windowMinutes ?? 60}
      />
      <PersonSelect name="guardId" label={t("guard")} people={props.guards} value={r?.guardId} />
      {r ? null : (
        <TextArea
          name="checkpoints"
          label={`${t("checkpoints")} (${t("checkpointsHint")})`}
          rows={4}
          className="sm:col-span-2"
        />
      )}
      <div className="sm:col-span-2">
        <button type="submit" className={submitClass}>
          {r ? t("save") : t("create")}
        </button>
      </div>
    </ActionForm>
  );
}

async function PersonSelect(props: { name: string; label: string; people: readonly Option[]; value?: number | null }) {
  const t = await getTranslations("field.edit");
  return (
    <Select
      name={props.name}
      label={props.label}
      defaultValue={props.value ?? ""}
      options={[
        { value: "", label: t("nobody") },
        ...props.people.map((p) => ({ value: p.id, label: p.name, user: true })),
      ]}
    />
  );
}

/** Deactivate or reactivate an area or a route (never deleted: its tasks and rounds stay). */
export async function ActiveToggle({ id, active, action }: { id: number; active: boolean; action: Action }) {
  const t = await getTranslations("field.edit");
  return (
    <ActionForm action={action} testId="active-toggle">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="active" value={active ? "0" : "1"} />
      <button type="submit" className="min-h-11 rounded-md border border-slate-300 px-4 text-sm">
        {active ? t("deactivate") : t("activate")}
      </button>
    </ActionForm>
  );
}
