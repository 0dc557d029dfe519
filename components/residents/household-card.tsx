import { getLocale, getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/config";
import { formatArea } from "@/lib/i18n/format";
import type { HomeHousehold } from "@/lib/residents/home";
import type { UnitLine } from "@/lib/residents/queries";
import { RemoveLinkButton } from "./remove-link-button";
import type { SchemaAction } from "@/lib/actions/result";
import type { removeLinkSchema } from "@/lib/residents/schemas";

export async function UnitList({ units }: { units: UnitLine[] }) {
  const locale = (await getLocale()) as Locale;
  return (
    <ul className="space-y-1 text-sm text-slate-700">
      {units.map((u) => (
        <li key={u.id} className="flex justify-between gap-2">
          <span data-user-text>{u.label}</span>
          <span className="shrink-0 tabular-nums text-slate-500">{formatArea(u.areaCentiM2, locale)}</span>
        </li>
      ))}
    </ul>
  );
}

/** One approved household on the resident's home; an owner also sees and manages its other people. */
export async function HouseholdCard({
  removeLinkAction,
  household,
}: {
  removeLinkAction: SchemaAction<typeof removeLinkSchema>;
  household: HomeHousehold;
}) {
  const t = await getTranslations("residents");
  const isOwner = household.relation === "owner";
  return (
    <li className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200" data-testid="household-card">
      <div className="mb-2 flex items-center justify-between gap-2">
        <span className="font-medium" data-user-text>
          {household.name}
        </span>
        <span className="shrink-0 rounded bg-brand-50 px-2 py-0.5 text-xs text-brand-700">
          {t(`relation.${household.relation}`)}
        </span>
      </div>
      <UnitList units={household.units} />
      {isOwner ? (
        <div className="mt-3 border-t border-slate-200 pt-2">
          <h3 className="mb-1 text-xs font-medium text-slate-500">{t("home.people")}</h3>
          {household.others.length === 0 ? (
            <p className="text-xs text-slate-500">{t("home.noPeople")}</p>
          ) : (
            <ul className="divide-y divide-slate-200">
              {household.others.map((p) => (
                <li key={p.linkId} className="flex flex-wrap items-center justify-between gap-x-2 py-1.5 text-sm">
                  <span className="min-w-0">
                    <span className="font-medium" data-user-text>
                      {p.name}
                    </span>
                    <span className="ml-2 text-xs text-slate-500">{t(`relation.${p.relation}`)}</span>
                    <span className="ml-2 text-xs tabular-nums text-slate-500">{p.maskedPhone}</span>
                  </span>
                  {p.relation === "owner" ? null : (
                    <RemoveLinkButton removeLinkAction={removeLinkAction} linkId={p.linkId} name={p.name} />
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </li>
  );
}
