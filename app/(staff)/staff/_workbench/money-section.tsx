import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import type { SessionUser } from "@/lib/auth/current-user";
import { agingReport, collectionReport, dailyCash } from "@/lib/billing/queries/reports";
import { AGING_BUCKETS } from "@/lib/billing/rules";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";
import { addMonths } from "@/lib/time/calendar";
import { dayBounds, localDate } from "@/lib/time/zone";
import { Figure, FigureGrid } from "@/components/workbench/figure";

const BUCKETS = AGING_BUCKETS;

/** Admin / PM: collection rate this month vs last month, and arrears by how many months are owed. */
export async function CollectionSection({ user }: { user: SessionUser }) {
  const t = await getTranslations("workbench");
  const format = await getFormatter();
  const locale = (await getLocale()) as Locale;
  const db = getDb();
  const today = localDate(new Date(), user.timeZone);
  const month = today.slice(0, 7);
  const last = addMonths(month, -1);
  const [byMonth, aging] = await Promise.all([
    collectionReport(db, user.companyId, last, month, "month"),
    agingReport(db, user.companyId, today, "community"),
  ]);
  const rate = (m: string) => byMonth.find((r) => r.key === m)?.rateBp ?? null;
  const pct = (bp: number | null) =>
    bp === null ? "—" : format.number(bp / 10000, { style: "percent", maximumFractionDigits: 1 });
  const [now, before] = [rate(month), rate(last)];
  const delta = now !== null && before !== null ? now - before : null;
  const buckets = BUCKETS.map((b) => ({
    bucket: b,
    households: aging.reduce((s, r) => s + r.buckets[b].households, 0),
    owedFen: aging.reduce((s, r) => s + r.buckets[b].owedFen, 0),
  }));
  const reports = `/staff/billing/reports?date=${today}`;
  return (
    <Card title={t("money.title")}>
      <FigureGrid>
        <Figure
          label={t("money.rateThisMonth")}
          value={pct(now)}
          href={reports}
          hint={
            delta === null
              ? t("money.noCompare")
              : t("money.vsLast", {
                  delta: format.number(delta / 100, { maximumFractionDigits: 1, signDisplay: "always" }),
                })
          }
          tone={delta !== null && delta < 0 ? "warn" : "plain"}
          testId="wb-rate"
        />
        <Figure label={t("money.rateLastMonth")} value={pct(before)} href={reports} testId="wb-rate-last" />
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

/** Finance: today's cash by method and today's refunds, linking to the daily cash report. */
export async function CashSection({ user }: { user: SessionUser }) {
  const t = await getTranslations("workbench");
  const tm = await getTranslations("billing.method");
  const locale = (await getLocale()) as Locale;
  const n = (await getFormatter()).number;
  const today = localDate(new Date(), user.timeZone);
  const { start, end } = dayBounds(today, user.timeZone);
  const cash = await dailyCash(getDb(), user.companyId, start, end);
  const href = `/staff/billing/reports?date=${today}`;
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
    </Card>
  );
}
