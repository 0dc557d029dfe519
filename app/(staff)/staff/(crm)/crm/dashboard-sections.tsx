import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { crmRulesFor, registryViewOf } from "@/app/request-cache";
import { BandBadgeWith } from "@/components/crm/band-badge";
import { BandDonut, TrendChart } from "@/components/crm/charts";
import { ledgerSentence } from "@/components/crm/ledger-text";
import { Card, EmptyState, Stat } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import type { SessionUser } from "@/lib/auth/session";
import { localDate } from "@/lib/time/zone";
import { BAND_STYLE } from "@/components/crm/band-style";
import { BANDS, type Band } from "@/lib/crm/config";
import { bandDistribution, movedThisWeek, weeklyTrend } from "@/lib/crm/dashboard";
import { activeGoldBadges } from "@/lib/crm/ledger/read";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";

/*
 * The sentiment dashboard's sections (§8.6), each an async server component the page streams
 * behind its own <Suspense>: the shell and the header paint at once, the slow figures follow.
 * Each loads the rules and the viewer's visibility through the request cache (one query each
 * per request, however many sections ask).
 */

async function scope(user: SessionUser) {
  const [rules, view] = await Promise.all([crmRulesFor(user.companyId), registryViewOf(user)]);
  return { db: getDb(), rules, view, asOf: localDate(new Date(), user.timeZone) };
}

async function bandLabels() {
  const t = await getTranslations("crm");
  return Object.fromEntries(BANDS.map((b) => [b, t(`band.${b}`)])) as Record<Band, string>;
}

export async function DistributionSection({ user }: { user: SessionUser }) {
  const { db, rules, view } = await scope(user);
  const dist = await bandDistribution(db, user.companyId, view, rules);
  const [t, locale, labels] = await Promise.all([getTranslations("crm"), getLocale(), bandLabels()]);
  const pct = (n: number) =>
    dist.total
      ? new Intl.NumberFormat(locale as Locale, { maximumFractionDigits: 1 }).format((n / dist.total) * 100)
      : "0";
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

export async function TrendSection({ user }: { user: SessionUser }) {
  const { db, rules, view, asOf } = await scope(user);
  const trend = await weeklyTrend(db, user.companyId, view, rules, asOf);
  const [t, labels] = await Promise.all([getTranslations("crm"), bandLabels()]);
  return (
    <Card title={t("dashboard.trend")}>
      <p className="mb-2 text-xs text-slate-500">{t("dashboard.trendHint")}</p>
      <TrendChart data={trend} labels={labels} meanLabel={t("dashboard.mean")} />
    </Card>
  );
}

export async function MovedSection({ user }: { user: SessionUser }) {
  const { db, rules, view, asOf } = await scope(user);
  const moved = await movedThisWeek(db, user.companyId, view, rules, asOf);
  const gold = await activeGoldBadges(
    db,
    user.companyId,
    moved.map((m) => m.householdId),
    asOf,
  );
  const t = await getTranslations("crm");
  return (
    <Card title={t("dashboard.moved")}>
      {moved.length === 0 ? (
        <EmptyState>{t("dashboard.movedEmpty")}</EmptyState>
      ) : (
        <Table head={[t("dashboard.household"), t("dashboard.from"), t("dashboard.to"), t("dashboard.because")]}>
          {moved.map((m) => (
            <tr key={m.householdId} data-testid="moved-row">
              <td data-user-text>
                <Link href={`/staff/crm/households/${m.householdId}`} className="text-brand-700 hover:underline">
                  {m.name}
                </Link>
              </td>
              <td>
                <BandBadgeWith band={m.from} compact t={t} />
              </td>
              <td>
                <BandBadgeWith band={m.to} score={m.score} gold={gold.has(m.householdId)} compact t={t} />
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
