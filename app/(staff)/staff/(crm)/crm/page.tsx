import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { BandBadge } from "@/components/crm/band-badge";
import { BandDonut, TrendChart } from "@/components/crm/charts";
import { ledgerSentence } from "@/components/crm/ledger-text";
import { Card, EmptyState, PageHeader, Stat } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";

import { BAND_STYLE } from "@/components/crm/band-style";
import { BANDS, type Band } from "@/lib/crm/config";
import {
  bandDistribution,
  butlerRiskLists,
  CRM_DASHBOARD_ROLES,
  movedThisWeek,
  weeklyTrend,
} from "@/lib/crm/dashboard";
import { activeGoldBadges, publishedRules } from "@/lib/crm/read";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { loadRegistryView } from "@/lib/registry/view";
import { localDate } from "@/lib/time/zone";

export async function generateMetadata() {
  return { title: (await getTranslations("crm.dashboard"))("title") };
}

const RISK_PER_BUTLER = 10;

type Gold = Awaited<ReturnType<typeof activeGoldBadges>>;
type Risk = Awaited<ReturnType<typeof butlerRiskLists>>;

/** §8.6 the sentiment dashboard, limited to the households the viewer may see. */
export default async function CrmDashboardPage({ searchParams }: { searchParams: Promise<{ butler?: string }> }) {
  const user = await requireUser(CRM_DASHBOARD_ROLES);
  const t = await getTranslations("crm");
  const locale = (await getLocale()) as Locale;
  const db = getDb();
  const asOf = localDate(new Date(), user.timeZone);
  // ?butler=<id>: that butler's whole list (still only within the viewer's visible households).
  const onlyButler = Number((await searchParams).butler) || undefined;
  const [rules, view] = await Promise.all([
    publishedRules(db, user.companyId),
    loadRegistryView(db, user.companyId, { userId: user.id, roles: user.roles }),
  ]);
  const [dist, trend, moved, risk] = await Promise.all([
    bandDistribution(db, user.companyId, view, rules),
    weeklyTrend(db, user.companyId, view, rules, asOf),
    movedThisWeek(db, user.companyId, view, rules, asOf),
    butlerRiskLists(db, user.companyId, view, rules, asOf, onlyButler ? 5000 : RISK_PER_BUTLER, onlyButler),
  ]);
  const gold = await activeGoldBadges(
    db,
    user.companyId,
    [...new Set([...risk.map((r) => r.householdId), ...moved.map((m) => m.householdId)])],
    asOf,
  );
  const labels = Object.fromEntries(BANDS.map((b) => [b, t(`band.${b}`)])) as Record<Band, string>;
  const butlers = [
    ...new Map(risk.map((r) => [r.butlerUserId, { name: r.butlerName, total: r.households }])).entries(),
  ];
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("dashboard.title")}
        subtitle={t("dashboard.subtitle")}
        actions={
          user.roles.includes("admin") ? (
            <Link href="/staff/crm/rules" className="text-sm text-brand-700 hover:underline">
              {t("dashboard.rules")}
            </Link>
          ) : null
        }
      />
      <div className="grid gap-4 lg:grid-cols-[1fr_2fr]">
        <DistributionCard dist={dist} labels={labels} locale={locale} />
        <Card title={t("dashboard.trend")}>
          <p className="mb-2 text-xs text-slate-500">{t("dashboard.trendHint")}</p>
          <TrendChart data={trend} labels={labels} meanLabel={t("dashboard.mean")} />
        </Card>
      </div>

      <MovedCard moved={moved} gold={gold} />

      <Card title={t("dashboard.risk")}>
        <p id="risk" className="mb-2 text-xs text-slate-500">
          {t("dashboard.riskHint", { n: RISK_PER_BUTLER })}
        </p>
        {butlers.length === 0 ? (
          <EmptyState>{t("dashboard.riskEmpty")}</EmptyState>
        ) : (
          <div className="grid gap-4 xl:grid-cols-2">
            {butlers.map(([butlerId, b]) => (
              <ButlerRisk
                key={butlerId}
                butlerId={butlerId}
                b={b}
                onlyButler={!!onlyButler}
                rows={risk.filter((r) => r.butlerUserId === butlerId)}
                gold={gold}
              />
            ))}
          </div>
        )}
      </Card>
    </div>
  );
}

async function DistributionCard({
  dist,
  labels,
  locale,
}: {
  dist: Awaited<ReturnType<typeof bandDistribution>>;
  labels: Record<Band, string>;
  locale: Locale;
}) {
  const t = await getTranslations("crm");
  const pct = (n: number) =>
    dist.total ? new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format((n / dist.total) * 100) : "0";
  return (
    <Card title={t("dashboard.distribution")}>
      <div className="grid grid-cols-2 gap-2">
        <Stat label={t("dashboard.households")} value={dist.total} />
        <Stat label={t("dashboard.mean")} value={dist.mean ?? "—"} />
      </div>
      <BandDonut counts={dist.counts} labels={labels} />
      <ul className="space-y-1 text-sm" data-testid="band-distribution">
        {BANDS.map((b) => (
          <li key={b} className="flex items-center justify-between gap-2" data-band={b}>
            <span className="flex items-center gap-2">
              <span
                className="inline-block h-3 w-3 rounded-sm"
                style={{ background: BAND_STYLE[b].color }}
                aria-hidden
              />
              {BAND_STYLE[b].emoji} {labels[b]} <span className="text-xs text-slate-500">{t(`bandMeaning.${b}`)}</span>
            </span>
            <span className="tabular-nums">
              {dist.counts[b]}{" "}
              <span className="text-xs text-slate-500">
                ({t("dashboard.percent", { percent: pct(dist.counts[b]) })})
              </span>
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

async function MovedCard({ moved, gold }: { moved: Awaited<ReturnType<typeof movedThisWeek>>; gold: Gold }) {
  const t = await getTranslations("crm");
  return (
    <Card title={t("dashboard.moved")}>
      {moved.length === 0 ? (
        <EmptyState>{t("dashboard.movedEmpty")}</EmptyState>
      ) : (
        <Table head={[t("dashboard.household"), t("dashboard.from"), t("dashboard.to"), t("dashboard.because")]}>
          {moved.map((m) => (
            <tr key={m.householdId} data-testid="moved-row">
              <td>
                <Link href={`/staff/crm/households/${m.householdId}`} className="text-brand-700 hover:underline">
                  {m.name}
                </Link>
              </td>
              <td>
                <BandBadge band={m.from} compact />
              </td>
              <td>
                <BandBadge band={m.to} score={m.score} gold={gold.has(m.householdId)} compact />
              </td>
              <td className="text-slate-700">
                {m.entry ? `${m.entry.occurredOn} · ${ledgerSentence(t, m.entry)}` : "—"}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}

async function ButlerRisk({
  butlerId,
  b,
  onlyButler,
  rows,
  gold,
}: {
  butlerId: Risk[number]["butlerUserId"];
  b: { name: string; total: number };
  onlyButler: boolean;
  rows: Risk;
  gold: Gold;
}) {
  const t = await getTranslations("crm");
  return (
    <section className="rounded-md ring-1 ring-slate-200 p-3" data-testid="butler-risk">
      <h3 className="mb-2 flex items-center justify-between gap-2 text-sm font-semibold">
        <span>
          {b.name}{" "}
          <span className="font-normal text-slate-500">· {t("dashboard.ofHouseholds", { count: b.total })}</span>
        </span>
        {onlyButler ? (
          <Link href="/staff/crm#risk" className="text-xs font-normal text-brand-700 hover:underline">
            {t("dashboard.allButlers")}
          </Link>
        ) : b.total > RISK_PER_BUTLER ? (
          <Link
            href={`/staff/crm?butler=${butlerId}#risk`}
            className="text-xs font-normal text-brand-700 hover:underline"
          >
            {t("dashboard.showAll")}
          </Link>
        ) : null}
      </h3>
      <Table head={[t("dashboard.household"), t("dashboard.score"), t("dashboard.monthsInArrears"), ""]}>
        {rows.map((r) => (
          <tr key={r.householdId}>
            <td>
              {r.name}
              {r.unit ? <span className="ml-1 text-xs text-slate-500">{r.unit}</span> : null}
            </td>
            <td>
              <BandBadge band={r.band} score={r.score} gold={gold.has(r.householdId)} compact />
            </td>
            <td className={`tabular-nums ${r.monthsInArrears >= 3 ? "font-semibold text-red-700" : ""}`}>
              {r.monthsInArrears}
            </td>
            <td>
              <Link href={`/staff/crm/households/${r.householdId}`} className="text-brand-700 hover:underline">
                {t("dashboard.open")}
              </Link>
            </td>
          </tr>
        ))}
      </Table>
    </section>
  );
}
