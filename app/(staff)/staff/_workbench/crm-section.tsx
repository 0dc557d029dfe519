import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import type { SessionUser } from "@/lib/auth/current-user";
import { publishedRules } from "@/lib/crm/ledger/read";
import { getDb } from "@/lib/db";
import { loadRegistryView } from "@/lib/registry/view";
import { localDate } from "@/lib/time/zone";
import { atRiskHouseholds, fellABandThisWeek } from "@/lib/workbench/crm";
import { Figure, FigureGrid } from "@/components/workbench/figure";

/**
 * Sentiment (CRM-EW) for the households the person answers for: those in the poor/critical band
 * now (the butler's "my at-risk households") and those that fell a band this week.
 */
export async function CrmSection({ user, butler }: { user: SessionUser; butler: boolean }) {
  const t = await getTranslations("workbench");
  const tb = await getTranslations("crm.band");
  const n = (await getFormatter()).number;
  const db = getDb();
  const [view, rules] = await Promise.all([
    loadRegistryView(db, user.companyId, { userId: user.id, roles: user.roles }),
    publishedRules(db, user.companyId),
  ]);
  const [risk, fell] = await Promise.all([
    atRiskHouseholds(db, user.companyId, view, rules),
    fellABandThisWeek(db, user.companyId, view, rules, localDate(new Date(), user.timeZone)),
  ]);
  const list = butler ? `/staff/crm?butler=${user.id}` : "/staff/crm";
  const people = [...risk.lowest.map((h) => ({ id: h.id, name: h.name, note: tb(bandKey(h.score, rules)) }))];
  for (const m of fell.slice(0, 5))
    if (!people.some((p) => p.id === m.householdId))
      people.push({ id: m.householdId, name: m.name, note: `${tb(m.from)} → ${tb(m.to)}` });
  return (
    <Card title={t(butler ? "crm.mineTitle" : "crm.title")}>
      <FigureGrid>
        <Figure
          label={t("crm.atRisk")}
          value={n(risk.total)}
          href={list}
          tone={risk.total ? "warn" : "good"}
          testId="wb-at-risk"
        />
        <Figure
          label={t("crm.fell")}
          value={n(fell.length)}
          href="/staff/crm#moved"
          tone={fell.length ? "alert" : "good"}
          testId="wb-fell"
        />
      </FigureGrid>
      {people.length ? (
        <ul className="mt-3 divide-y divide-slate-100 text-sm">
          {people.map((p) => (
            <li key={p.id}>
              <Link
                href={`/staff/crm/households/${p.id}`}
                className="flex min-h-11 items-center justify-between gap-3 hover:underline"
              >
                <span data-user-text>{p.name}</span>
                <span className="text-xs text-slate-600">{p.note}</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

function bandKey(score: number, rules: { bandFloors: { poor: number } }) {
  return score >= rules.bandFloors.poor ? "poor" : "critical";
}
