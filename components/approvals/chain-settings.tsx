"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { FieldErrors } from "@/lib/actions/result";
import type { SchemaAction } from "@/lib/actions/result";
import type { chainConfigSchema } from "@/lib/approvals/schemas";

const TYPES = ["contract", "procurement", "expense", "general", "leave"] as const;
const ROLES = ["supervisor", "project_manager", "admin", "finance", "hr"] as const;
type Role = (typeof ROLES)[number];
type Draft = Record<(typeof TYPES)[number], { tiers: { max: string; roles: Role[] }[]; financeReview: boolean }>;

type Update = (type: keyof Draft, fn: (c: Draft[keyof Draft]) => Draft[keyof Draft]) => void;

/** The admin's chain editor: per type, tiers (limit in yuan, roles in order) and the finance review switch. Validated on the server. */
export function ChainSettings({
  saveChainsAction,
  initial,
}: {
  saveChainsAction: SchemaAction<typeof chainConfigSchema>;
  initial: Draft;
}) {
  const t = useTranslations("approvals");
  const tr = useTranslations();
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const update = (type: keyof Draft, fn: (c: Draft[keyof Draft]) => Draft[keyof Draft]) =>
    setDraft((d) => ({ ...d, [type]: fn(d[type]) }));
  return (
    <form
      className="space-y-4"
      data-testid="chain-settings"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setStatus(null);
        const res = await saveChainsAction(draft);
        setBusy(false);
        setErrors(res.ok ? {} : (res.fieldErrors ?? {}));
        setStatus(res.ok ? t("settings.saved") : tr(res.message));
        if (res.ok) router.refresh();
      }}
    >
      {TYPES.map((type) => (
        <TypeFieldset key={type} type={type} draft={draft} errors={errors} update={update} />
      ))}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={busy}>
          {t("settings.save")}
        </Button>
        {status ? (
          <span role="status" className="text-sm">
            {status}
          </span>
        ) : null}
      </div>
    </form>
  );
}

function TypeFieldset({
  type,
  draft,
  errors,
  update,
}: {
  type: keyof Draft;
  draft: Draft;
  errors: FieldErrors;
  update: Update;
}) {
  const t = useTranslations("approvals");
  return (
    <fieldset className="rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold">{t(`type.${type}`)}</legend>
      <div className="space-y-2">
        {draft[type].tiers.map((tier, i) => (
          <TierRow key={i} type={type} tier={tier} i={i} draft={draft} errors={errors} update={update} />
        ))}
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-4 text-sm">
        <button
          type="button"
          className="text-brand-700 hover:underline"
          onClick={() => update(type, (c) => ({ ...c, tiers: [{ max: "", roles: ["supervisor"] }, ...c.tiers] }))}
        >
          {t("settings.addTier")}
        </button>
        <label className="flex items-center gap-1">
          <input
            type="checkbox"
            checked={draft[type].financeReview}
            onChange={(e) => update(type, (c) => ({ ...c, financeReview: e.target.checked }))}
          />
          {t("settings.financeReview")}
        </label>
      </div>
    </fieldset>
  );
}

function TierRow({
  type,
  tier,
  i,
  draft,
  errors,
  update,
}: {
  type: keyof Draft;
  tier: Draft[keyof Draft]["tiers"][number];
  i: number;
  draft: Draft;
  errors: FieldErrors;
  update: Update;
}) {
  const t = useTranslations("approvals");
  const tr = useTranslations();
  const last = i === draft[type].tiers.length - 1;
  const err = errors[`${type}.tiers.${i}.max`]?.[0] ?? errors[`${type}.tiers.${i}.roles`]?.[0];
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <label className="flex items-center gap-1">
        {t("settings.upTo")}
        <input
          value={last ? "" : tier.max}
          disabled={last}
          placeholder={last ? t("settings.noLimit") : ""}
          inputMode="decimal"
          onChange={(e) =>
            update(type, (c) => ({
              ...c,
              tiers: c.tiers.map((x, j) => (j === i ? { ...x, max: e.target.value } : x)),
            }))
          }
          className="w-28 rounded border border-slate-300 px-2 py-1 text-right"
        />
      </label>
      {ROLES.map((r) => (
        <label key={r} className="flex items-center gap-1">
          <input
            type="checkbox"
            checked={tier.roles.includes(r)}
            onChange={(e) =>
              update(type, (c) => ({
                ...c,
                tiers: c.tiers.map((x, j) =>
                  j === i
                    ? {
                        ...x,
                        roles: e.target.checked
                          ? ROLES.filter((y) => y === r || x.roles.includes(y))
                          : x.roles.filter((y) => y !== r),
                      }
                    : x,
                ),
              }))
            }
          />
          {tr(`roles.${r}`)}
        </label>
      ))}
      {draft[type].tiers.length > 1 ? (
        <button
          type="button"
          className="text-xs text-red-600 hover:underline"
          onClick={() => update(type, (c) => ({ ...c, tiers: c.tiers.filter((_, j) => j !== i) }))}
        >
          {t("settings.removeTier")}
        </button>
      ) : null}
      {err ? (
        <span role="alert" className="w-full text-xs text-red-600">
          {tr(err)}
        </span>
      ) : null}
    </div>
  );
}
