"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition, type ReactNode } from "react";
import { BAND_STYLE } from "@/components/crm/band-style";
import type { ActionFn, SchemaAction } from "@/lib/actions/result";
import type { crmRulesSchema } from "@/lib/crm/rulesets/schemas";
import { BANDS, type Band, type CrmRules } from "@/lib/crm/config";
import type { FieldErrors } from "@/lib/actions/result";
import { useWhatIfJob, WhatIfPanel, type PreviewJob } from "./whatif-panel";

const inputClass = "block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm tabular-nums";
const COMPLAINTS = ["invalid", "general", "medium", "major"] as const;

/** Deep-sets a path ("a.b.0.c") in a plain object copy. */
function setPath<T>(obj: T, path: (string | number)[], value: unknown): T {
  const copy = structuredClone(obj) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  cur[path[path.length - 1]] = value;
  return copy as T;
}

/** Blank inputs go to the server as undefined so they fail as "required" instead of becoming 0. */
function forServer(v: unknown): unknown {
  if (v === "") return undefined;
  if (Array.isArray(v)) return v.map(forServer);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, forServer(x)]));
  return v;
}

type Num = (path: (string | number)[], label: ReactNode, id: string) => ReactNode;
type SetRules = React.Dispatch<React.SetStateAction<CrmRules>>;
const section = "rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200";

/** One number input of the rules at `path`, with its translated field errors. */
function NumField({
  rules,
  setRules,
  errors,
  path,
  label,
  id,
}: {
  rules: CrmRules;
  setRules: SetRules;
  errors: FieldErrors;
  path: (string | number)[];
  label: ReactNode;
  id: string;
}) {
  const tr = useTranslations();
  let v: unknown = rules;
  for (const k of path) v = (v as Record<string | number, unknown>)[k];
  const key = path.join(".");
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
        {label}
      </label>
      <input
        id={id}
        name={key}
        type="number"
        inputMode="numeric"
        value={v as number | string}
        onChange={(e) => setRules((r) => setPath(r, path, e.target.value === "" ? "" : Number(e.target.value)))}
        className={`${inputClass} ${errors[key] ? "border-red-500" : ""}`}
        aria-invalid={errors[key] ? true : undefined}
      />
      {errors[key] ? (
        <p className="mt-1 text-xs text-red-600" data-testid={`error-${key}`}>
          {errors[key].map((m) => tr(m)).join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** The editor's state and its three server round trips (save draft, publish, discard). */
interface RulesActions {
  discardDraftAction: ActionFn<Record<string, never>>;
  publishDraftAction: ActionFn<Record<string, never>>;
  saveDraftAction: SchemaAction<typeof crmRulesSchema, PreviewJob | null>;
  whatIfStartAction: ActionFn<Record<string, never>, PreviewJob | null>;
  whatIfStatusAction: ActionFn<Record<string, never>, PreviewJob | null>;
}

function useRulesEditor(
  initial: CrmRules,
  published: CrmRules,
  hasDraft: boolean,
  { discardDraftAction, publishDraftAction, saveDraftAction, whatIfStartAction, whatIfStatusAction }: RulesActions,
) {
  const t = useTranslations("crm");
  const router = useRouter();
  const [rules, setRules] = useState<CrmRules>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [draftSaved, setDraftSaved] = useState(hasDraft);
  const [pending, start] = useTransition();
  const whatIf = useWhatIfJob(whatIfStatusAction, whatIfStartAction, hasDraft);

  const save = () =>
    start(async () => {
      setMessage(null);
      setFormError(null);
      const res = await saveDraftAction(forServer(rules) as CrmRules);
      if (res.ok) {
        setErrors({});
        whatIf.follow(res.data);
        setDraftSaved(true);
        setMessage(t("rules.saved"));
        router.refresh();
      } else {
        setErrors(res.fieldErrors ?? {});
        setFormError(res.message);
      }
    });
  const publish = () =>
    start(async () => {
      if (!window.confirm(t("rules.publishConfirm"))) return;
      const res = await publishDraftAction({});
      if (res.ok) {
        setMessage(t("rules.published"));
        setDraftSaved(false);
        whatIf.follow(null);
        router.refresh();
      } else setFormError(res.message);
    });
  const discard = () =>
    start(async () => {
      const res = await discardDraftAction({});
      if (res.ok) {
        setRules(published);
        setErrors({});
        whatIf.follow(null);
        setDraftSaved(false);
        setMessage(t("rules.discarded"));
        router.refresh();
      } else setFormError(res.message);
    });
  const busy = pending || whatIf.running;
  return {
    rules,
    setRules,
    errors,
    message,
    formError,
    job: whatIf.job,
    draftSaved,
    pending: busy,
    save,
    publish,
    discard,
  };
}

/**
 * The CRM-EW rules editor (§8.1 rules as data): edits a draft; "save draft" validates on the
 * server (translated field errors, nothing written on bad input) and starts the what-if
 * preview in the background (progress bar, then the result; "save" waits while it runs);
 * then publish or discard.
 */
export function RulesEditor({
  initial,
  published,
  hasDraft,
  ...actions
}: RulesActions & {
  initial: CrmRules;
  published: CrmRules;
  hasDraft: boolean;
}) {
  const t = useTranslations("crm");
  const ed = useRulesEditor(initial, published, hasDraft, actions);
  const num: Num = (path, label, id) => (
    <NumField rules={ed.rules} setRules={ed.setRules} errors={ed.errors} path={path} label={label} id={id} />
  );
  const labels = Object.fromEntries(BANDS.map((b) => [b, t(`band.${b}`)])) as Record<Band, string>;
  return (
    <div className="grid gap-4 xl:grid-cols-[3fr_2fr]">
      <form
        className="space-y-4"
        data-testid="rules-form"
        onSubmit={(e) => {
          e.preventDefault();
          ed.save();
        }}
      >
        <ScoreSections rules={ed.rules} labels={labels} num={num} />
        <OtherSections rules={ed.rules} setRules={ed.setRules} errors={ed.errors} num={num} />
        <EditorButtons ed={ed} />
      </form>
      <WhatIfPanel job={ed.job} labels={labels} />
    </div>
  );
}

function ScoreSections({ rules, labels, num }: { rules: CrmRules; labels: Record<Band, string>; num: Num }) {
  const t = useTranslations("crm");
  return (
    <>
      <section className={section}>
        <div className="grid gap-3 sm:grid-cols-5">
          {num(["initialScore"], t("rules.initialScore"), "initialScore")}
          {(["excellent", "good", "fair", "poor"] as const).map((b) => (
            <div key={b}>{num(["bandFloors", b], `${BAND_STYLE[b].emoji} ${labels[b]}`, `floor-${b}`)}</div>
          ))}
        </div>
        <p className="mt-2 text-xs text-slate-500">{t("rules.bandFloors")}</p>
      </section>
      <section className={section}>
        <h2 className="mb-2 text-sm font-semibold">{t("rules.complaints")}</h2>
        <div className="space-y-2">
          {COMPLAINTS.map((c) => (
            <div key={c} className="grid items-end gap-3 sm:grid-cols-[1.5fr_1fr_1fr]">
              <span className="pb-2 text-sm">{t(`classification.${c}`)}</span>
              {num(["complaints", c, "max"], t("rules.rangeMax"), `c-${c}-max`)}
              {num(["complaints", c, "min"], t("rules.rangeMin"), `c-${c}-min`)}
            </div>
          ))}
        </div>
      </section>
      <section className={section}>
        <h2 className="mb-2 text-sm font-semibold">{t("rules.arrears")}</h2>
        <div className="grid gap-3 sm:grid-cols-3">
          {rules.arrears.steps.map((s, i) => (
            <div key={s.key} className="grid grid-cols-2 gap-2 rounded-md bg-slate-50 p-2 ring-1 ring-slate-200">
              <span className="col-span-2 text-xs font-medium text-slate-600">
                {t("rules.step")} {s.key}
              </span>
              {num(["arrears", "steps", i, "months"], t("rules.months"), `a-${s.key}-months`)}
              {num(["arrears", "steps", i, "points"], t("rules.points"), `a-${s.key}-points`)}
            </div>
          ))}
        </div>
      </section>
    </>
  );
}

function OtherSections({
  rules,
  setRules,
  errors,
  num,
}: {
  rules: CrmRules;
  setRules: SetRules;
  errors: FieldErrors;
  num: Num;
}) {
  const t = useTranslations("crm");
  const tr = useTranslations();
  return (
    <>
      <section className={section}>
        <h2 className="mb-2 text-sm font-semibold">{t("rules.gold")}</h2>
        <div className="grid gap-3 sm:grid-cols-4">
          {num(["gold", "prepaidMonths"], t("rules.prepaidMonths"), "g-prepaid")}
          {num(["gold", "points"], t("rules.goldPoints"), "g-points")}
          {num(["gold", "badgeMonths"], t("rules.badgeMonths"), "g-months")}
          {num(["gold", "vipDiscountPercent"], t("rules.vipDiscountPercent"), "g-discount")}
        </div>
      </section>
      <section className={section}>
        <h2 className="mb-2 text-sm font-semibold">{t("rules.visits")}</h2>
        <div className="grid gap-3 sm:grid-cols-3">
          {[0, 1, 2].map((i) => (
            <div key={i}>{num(["visits", "coveragePercent", i], t("rules.month", { n: i + 1 }), `v-${i}`)}</div>
          ))}
        </div>
        {errors["visits.coveragePercent"] ? (
          <p className="mt-1 text-xs text-red-600">{errors["visits.coveragePercent"].map((m) => tr(m)).join(" ")}</p>
        ) : null}
      </section>
      <section className={section}>
        <h2 className="mb-2 text-sm font-semibold">{t("rules.recovery")}</h2>
        <div className="grid items-end gap-3 sm:grid-cols-2">
          <label className="flex items-center gap-2 pb-2 text-sm">
            <input
              type="checkbox"
              checked={rules.recovery.enabled}
              onChange={(e) => setRules((r) => setPath(r, ["recovery", "enabled"], e.target.checked))}
            />
            {t("rules.recoveryEnabled")}
          </label>
          {num(["recovery", "pointsPerMonth"], t("rules.pointsPerMonth"), "r-points")}
        </div>
      </section>
    </>
  );
}

function EditorButtons({ ed }: { ed: ReturnType<typeof useRulesEditor> }) {
  const t = useTranslations("crm");
  const tr = useTranslations();
  const { pending, draftSaved, publish, discard, message, formError } = ed;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-50"
      >
        {t("rules.save")}
      </button>
      <button
        type="button"
        disabled={pending || !draftSaved}
        onClick={publish}
        className="rounded-md bg-emerald-700 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
      >
        {t("rules.publish")}
      </button>
      <button
        type="button"
        disabled={pending || !draftSaved}
        onClick={discard}
        className="rounded-md px-4 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-300 disabled:opacity-50"
      >
        {t("rules.discard")}
      </button>
      {message ? (
        <span role="status" className="text-sm text-emerald-700">
          {message}
        </span>
      ) : null}
      {formError ? (
        <span role="alert" className="text-sm text-red-600">
          {tr(formError)}
        </span>
      ) : null}
    </div>
  );
}
