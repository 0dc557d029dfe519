import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PassForm } from "@/components/visitors/pass-form";
import { PassStateBadge } from "@/components/visitors/state-badge";
import { Card, EmptyState } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { residentHouseholds } from "@/lib/registry/queries";
import { defaultPassWindow } from "@/lib/visitors/rules";
import { residentPasses } from "@/lib/visitors/queries";
import { createPassAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("visitors"))("title") };
}

/** 访客通行: the resident makes a pass for a visitor and sees their households' passes. */
export default async function VisitorsPage() {
  const user = await requireUser(["resident"]);
  const t = await getTranslations("visitors");
  const locale = (await getLocale()) as Locale;
  const db = getDb();
  const [homes, passes] = await Promise.all([
    residentHouseholds(db, user.companyId, user.id),
    residentPasses(db, user.companyId, user.id),
  ]);
  const window = defaultPassWindow(new Date(), user.timeZone);
  const when = (d: Date) => formatDateTime(d, locale, user.timeZone);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("subtitle")}</p>
      </div>
      {homes.length > 0 ? (
        <Card title={t("newTitle")}>
          <PassForm
            action={createPassAction}
            homes={homes.map((h) => ({
              id: h.id,
              label: [h.name, ...h.units.map((u) => u.label)].join(" · "),
            }))}
            defaultFrom={window.from}
            defaultUntil={window.until}
          />
        </Card>
      ) : null}
      <Card title={t("mine")}>
        {passes.length === 0 ? (
          <EmptyState>{t("empty")}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="pass-list">
            {passes.map((p) => (
              <li key={p.id}>
                <Link href={`/visitors/${p.id}`} className="flex items-start justify-between gap-3 py-3">
                  <div className="min-w-0">
                    <p className="truncate font-medium" data-user-text>
                      {p.visitorName ?? t("purged")}
                      {p.plate ? <span className="ml-2 text-sm text-slate-500">{p.plate}</span> : null}
                    </p>
                    <p className="text-xs text-slate-500">
                      {t("window", { from: when(p.validFrom), until: when(p.validUntil) })}
                    </p>
                    <p className="text-xs text-slate-500">{t("entries", { used: p.entriesUsed, max: p.maxEntries })}</p>
                  </div>
                  <PassStateBadge state={p.state} />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
