import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import type { SessionUser } from "@/lib/auth/current-user";
import { collectionReport, dailyCash } from "@/lib/billing/queries/reports";
import { cachedAgingReport } from "@/lib/billing/queries/aging-cache";
import { AGING_BUCKETS } from "@/lib/billing/rules";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";
import { addMonths } from "@/lib/time/calendar";
import { dayBounds, localDate } from "@/lib/time/zone";
import { Figure, FigureGrid } from "@/components/workbench/figure";
import { unpostedItems } from "@/lib/finance/posting";
import { TargetBars } from "@/components/workbench/target-bars";
import { collectionTarget } from "@/lib/billing/settings";

const BUCKETS = AGING_BUCKETS;

/** Admin: collection rate this month vs last month vs the target, and arrears by how many months are owed. */
export async function CollectionSection({ user }: { user: SessionUser }) {
  const t = await getTranslations("workbench");
  const format = await getFormatter();
  const locale = (await getLocale()) as Locale;
  const db = getDb();
  const today = localDate(new Date(), user.timeZone);
  const month = today.slice(0, 7);
  const last = addMonths(month, -1);
  const [byMonth, aging, targetBp] = await Promise.all([
    collectionReport(db, user.companyId, last, month, "month"),
    cachedAgingReport(db, user.companyId, today, "community"),
    collectionTarget(db, user.companyId),
  ]);
  // The same share the bills list shows for the month (collected / billed, not voided).
  const rate = (m: string) => {
    const r = byMonth.find((x) => x.key === m);
    return r && r.billedFen > 0 ? r.collectedFen / r.billedFen : null;
  };
  const pct = (v: number | null) =>
    v === null ? "—" : format.number(v, { style: "percent", maximumFractionDigits: 1 });
  const [now, before] = [rate(month), rate(last)];
  const target = targetBp === null ? null : targetBp / 10000;
  const delta = now !== null && before !== null ? now - before : null;
  const buckets = BUCKETS.map((b) => ({
    bucket: b,
    households: aging.reduce((s, r) => s + r.buckets[b].households, 0),
    owedFen: aging.reduce((s, r) => s + r.buckets[b].owedFen, 0),
  }));
  const reports = `/staff/billing/reports?date=${today}`;
  const bills = (m: string) => `/staff/billing/bills?month=${m}`;
  return (
    <Card title={t("money.title")}>
      <TargetBars
        rows={[
          { label: t("money.rateThisMonth"), value: now, text: pct(now), href: bills(month), testId: "wb-rate" },
          {
            label: t("money.rateLastMonth"),
            value: before,
            text: pct(before),
            href: bills(last),
            testId: "wb-rate-last",
          },
        ]}
        target={target}
        targetLabel={target === null ? null : t("money.target", { rate: pct(target) })}
      />
      <p className="mt-2 mb-3 text-xs text-slate-600" data-testid="wb-rate-compare">
        {delta === null
          ? t("money.noCompare")
          : t("money.vsLast", {
              delta: format.number(delta * 100, { maximumFractionDigits: 1, signDisplay: "always" }),
            })}
        {target !== null && now !== null
          ? ` · ${t("money.vsTarget", { delta: format.number((now - target) * 100, { maximumFractionDigits: 1, signDisplay: "always" }) })}`
          : ""}
        {target === null ? (
          <>
            {" · "}
            <Link href="/staff/billing/settings" className="text-brand-700 underline">
              {t("money.setTarget")}
            </Link>
          </>
        ) : null}
      </p>
      <FigureGrid>
        {buckets.map((b) => (
          <Figure
            key={b.bucket}
            label={t("money.bucket", { bucket: b.bucket })}
            value={format.number(b.households)}
            hint={formatFen(b.owedFen, locale)}
            href={reports}
            tone={b.bucket === "12+" && b.households ? "alert" : "plain"}
            testId={`wb-aging-${b.bucket}`}
          />
        ))}
      </FigureGrid>
    </Card>
  );
}

/** Finance: today's cash by method and today's refunds (the daily cash report), and what the ledger has not posted yet (the journal). */
export async function CashSection({ user }: { user: SessionUser }) {
  const t = await getTranslations("workbench");
  const tm = await getTranslations("billing.method");
  const locale = (await getLocale()) as Locale;
  const n = (await getFormatter()).number;
  const today = localDate(new Date(), user.timeZone);
  const { start, end } = dayBounds(today, user.timeZone);
  const db = getDb();
  const [cash, unposted] = await Promise.all([
    dailyCash(db, user.companyId, start, end),
    unpostedItems(db, user.companyId),
  ]);
  const href = `/staff/billing/reports?date=${today}`;
  const journal = "/staff/finance/journal";
  return (
    <Card title={t("cash.title")}>
      <FigureGrid>
        <Figure label={t("cash.total")} value={formatFen(cash.totalFen, locale)} href={href} testId="wb-cash-total" />
        {cash.byMethod.map((m) => (
          <Figure
            key={m.method}
            label={tm(m.method)}
            value={formatFen(m.amountFen, locale)}
            hint={t("cash.payments", { count: m.count })}
            href={href}
          />
        ))}
        <Figure
          label={t("cash.refunds")}
          value={n(cash.refunds.count)}
          hint={formatFen(cash.refunds.amountFen, locale)}
          href={href}
          testId="wb-refunds"
        />
      </FigureGrid>
      <h3 className="mt-4 mb-2 text-sm font-medium text-slate-700">{t("cash.unposted")}</h3>
      <FigureGrid>
        {(["payments", "refunds", "contract"] as const).map((k) => (
          <Figure
            key={k}
            label={t(`cash.unposted_${k}`)}
            value={n(unposted[k].count)}
            hint={formatFen(unposted[k].amountFen, locale)}
            href={journal}
            tone={unposted[k].count ? "warn" : "plain"}
            testId={`wb-unposted-${k}`}
          />
        ))}
      </FigureGrid>
    </Card>
  );
}
