import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { crmRulesFor, registryViewOf } from "@/app/request-cache";
import { BandBadgeWith } from "@/components/crm/band-badge";
import { Card, EmptyState } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import type { SessionUser } from "@/lib/auth/session";
import { localDate } from "@/lib/time/zone";
import { butlerRiskLists, type RiskRow } from "@/lib/crm/risk-lists";
import { activeGoldBadges } from "@/lib/crm/ledger/read";
import { getDb } from "@/lib/db";
import { pickRiskLists, RISK_PER_BUTLER, type RiskPick } from "@/lib/crm/risk-pick";

/**
 * The dashboard's butler risk lists (streamed behind <Suspense>); ?butler=<id> shows that butler's
 * whole list, ?butlers=all every butler's first few when there are many.
 */
export async function RiskSection({
  user,
  onlyButler,
  allButlers = false,
}: {
  user: SessionUser;
  onlyButler?: number;
  allButlers?: boolean;
}) {
  const db = getDb();
  const asOf = localDate(new Date(), user.timeZone);
  const [rules, view] = await Promise.all([crmRulesFor(user.companyId), registryViewOf(user)]);
  const ranked = await butlerRiskLists(
    db,
    user.companyId,
    view,
    rules,
    asOf,
    onlyButler ? 5000 : RISK_PER_BUTLER,
    onlyButler,
  );
  // A company-wide viewer of a big company (an admin over 105 butlers) gets the worst butlers'
  // worst few, each list a link away; a butler, a team or a small company the usual ten.
  const pick = pickRiskLists(ranked, { onlyButler, allButlers });
  const { rows: risk, perButler } = pick;
  const gold = await activeGoldBadges(db, user.companyId, [...new Set(risk.map((r) => r.householdId))], asOf);
  const t = await getTranslations("crm");
  // Each butler's rows, grouped once (in the picked order): not a filter of every row per butler.
  const butlers = new Map<number, { name: string; total: number; rows: typeof risk }>();
  for (const r of risk) {
    const b = butlers.get(r.butlerUserId) ?? { name: r.butlerName, total: r.households, rows: [] };
    b.rows.push(r);
    butlers.set(r.butlerUserId, b);
  }
  return (
    <Card title={t("dashboard.risk")}>
      <RiskHint pick={pick} t={t} />
      {butlers.size === 0 ? (
        <EmptyState>{t("dashboard.riskEmpty")}</EmptyState>
      ) : (
        <div className="grid gap-4 xl:grid-cols-2">
          {[...butlers].map(([butlerId, b]) => (
            <section key={butlerId} className="rounded-md ring-1 ring-slate-200 p-3" data-testid="butler-risk">
              <h3 className="mb-2 flex items-center justify-between gap-2 text-sm font-semibold">
                <span>
                  <span data-user-text>{b.name}</span>{" "}
                  <span className="font-normal text-slate-500">
                    · {t("dashboard.ofHouseholds", { count: b.total })}
                  </span>
                </span>
                {onlyButler ? (
                  <Link href="/staff/crm#risk" className="text-xs font-normal text-brand-700 hover:underline">
                    {t("dashboard.allButlers")}
                  </Link>
                ) : b.total > perButler ? (
                  <Link
                    href={`/staff/crm?butler=${butlerId}#risk`}
                    className="text-xs font-normal text-brand-700 hover:underline"
                  >
                    {t("dashboard.showAll")}
                  </Link>
                ) : null}
              </h3>
              <RiskTable rows={b.rows} gold={gold} t={t} />
            </section>
          ))}
        </div>
      )}
    </Card>
  );
}

/** How the lists are chosen, and the link between the worst butlers only and all of them (when there are many). */
function RiskHint({ pick, t }: { pick: RiskPick; t: Awaited<ReturnType<typeof getTranslations<"crm">>> }) {
  const { perButler, many } = pick;
  const onlyWorst = many && pick.shownButlers < pick.butlers;
  return (
    <p id="risk" className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-xs text-slate-500">
      <span>
        {t("dashboard.riskHint", { n: perButler })}
        {onlyWorst ? ` · ${t("dashboard.riskTopButlers", { shown: pick.shownButlers, total: pick.butlers })}` : null}
      </span>
      {many ? (
        <Link
          href={onlyWorst ? "/staff/crm?butlers=all#risk" : "/staff/crm#risk"}
          className="text-brand-700 hover:underline"
          data-testid="risk-butlers-toggle"
        >
          {onlyWorst ? t("dashboard.everyButler", { total: pick.butlers }) : t("dashboard.mostAtRisk")}
        </Link>
      ) : null}
    </p>
  );
}

/** One butler's list: synchronous, with the section's translator (an async list per butler streamed 105 chunks). */
function RiskTable({
  rows,
  gold,
  t,
}: {
  rows: RiskRow[];
  gold: ReadonlyMap<number, unknown>;
  t: Awaited<ReturnType<typeof getTranslations<"crm">>>;
}) {
  return (
    <Table head={[t("dashboard.household"), t("dashboard.score"), t("dashboard.monthsInArrears"), ""]}>
      {rows.map((r) => (
        <tr key={r.householdId}>
          <td>
            <span data-user-text>{r.name}</span>
            {r.unit ? (
              <span className="ml-1 text-xs text-slate-500" data-user-text>
                {r.unit}
              </span>
            ) : null}
          </td>
          <td>
            <BandBadgeWith band={r.band} score={r.score} gold={gold.has(r.householdId)} compact t={t} />
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
  );
}
