import { getLocale, getTranslations } from "next-intl/server";
import { Card, EmptyState } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatArea } from "@/lib/i18n/format";
import { residentHouseholds } from "@/lib/registry/queries";

export async function generateMetadata() {
  return { title: (await getTranslations("roleHome"))("resident") };
}

export default async function ResidentHome() {
  const user = await requireUser(["resident"]);
  const t = await getTranslations();
  const locale = (await getLocale()) as Locale;
  const homes = await residentHouseholds(getDb(), user.companyId, user.id);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold">{t("roleHome.resident")}</h1>
        <p className="text-sm text-slate-600">{t("resident.greeting", { name: user.name })}</p>
      </div>
      <Card title={t("resident.myHouseholds")}>
        {homes.length === 0 ? (
          <EmptyState>{t("resident.noHouseholds")}</EmptyState>
        ) : (
          <ul className="space-y-3">
            {homes.map((h) => (
              <li key={h.id} className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
                <div className="flex items-center justify-between">
                  <span className="font-medium">{h.name}</span>
                  <span className="rounded bg-brand-50 px-2 py-0.5 text-xs text-brand-700">
                    {t(`resident.relation.${h.relation as "owner" | "family" | "tenant"}`)}
                  </span>
                </div>
                <ul className="mt-2 space-y-1 text-sm text-slate-700">
                  {h.units.map((u) => (
                    <li key={u.id} className="flex justify-between gap-2">
                      <span>{u.label}</span>
                      <span className="tabular-nums text-slate-500">{formatArea(u.areaCentiM2, locale)}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <p className="text-center text-xs text-slate-500">{t("resident.comingSoon")}</p>
    </div>
  );
}
