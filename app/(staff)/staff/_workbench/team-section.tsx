import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, EmptyState } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import type { SessionUser } from "@/lib/auth/current-user";
import { visitCoverage } from "@/lib/crm/visits/coverage";
import { getDb } from "@/lib/db";
import { loadOrderScope } from "@/lib/tickets/access";
import { supervisorTeam } from "@/lib/tickets/queries";
import { quarterBounds, quarterOf } from "@/lib/time/quarters";
import { localDate } from "@/lib/time/zone";
import { teamSlaMet, unacceptedByMember } from "@/lib/workbench/orders";
import { Figure, FigureGrid } from "@/components/workbench/figure";

const DAY = 86_400_000;

/** Supervisor: the team's SLA met (30 days), visit coverage this quarter, and unaccepted orders per butler. */
export async function TeamSection({ user }: { user: SessionUser }) {
  const t = await getTranslations("workbench");
  const format = await getFormatter();
  const n = format.number;
  const db = getDb();
  const now = new Date();
  const team = await supervisorTeam(db, user.companyId, user.id);
  const ids = team.map((m) => m.id);
  const scope = await loadOrderScope(db, user.companyId, user);
  const quarter = quarterOf(localDate(now, user.timeZone));
  const [waiting, sla, coverage] = await Promise.all([
    unacceptedByMember(db, user.companyId, scope, ids, now),
    teamSlaMet(db, user.companyId, ids, new Date(now.getTime() - 30 * DAY)),
    visitCoverage(db, user.companyId, quarterBounds(quarter)),
  ]);
  const mine = ids.map((id) => coverage.get(id) ?? { households: 0, visited: 0 });
  const homes = mine.reduce((s, c) => s + c.households, 0);
  const visited = mine.reduce((s, c) => s + c.visited, 0);
  const pct = (part: number, whole: number) => (whole ? n(part / whole, { style: "percent" }) : "—");
  return (
    <Card title={t("team.title")}>
      <FigureGrid>
        <Figure
          label={t("team.sla")}
          value={sla ? n(sla.pct / 100, { style: "percent" }) : "—"}
          hint={sla ? t("team.slaHint", { onTime: sla.onTime, resolved: sla.resolved }) : t("team.noResolved")}
          href="/staff/orders/board"
          tone={sla && sla.pct < 90 ? "warn" : "plain"}
          testId="wb-team-sla"
        />
        <Figure
          label={t("team.coverage", { quarter })}
          value={pct(visited, homes)}
          hint={t("team.coverageHint", { visited, households: homes })}
          href="/staff/crm/visits"
          testId="wb-coverage"
        />
      </FigureGrid>
      {team.length ? (
        <div className="mt-3">
          <Table head={[t("team.member"), t("team.unaccepted")]}>
            {team.map((m) => (
              <tr key={m.id}>
                <td data-user-text>{m.name}</td>
                <td>
                  <Link
                    href={`/staff/orders?tab=scope&status=open&unaccepted=1&assignee=${m.id}`}
                    className="inline-flex min-h-11 min-w-11 items-center font-semibold tabular-nums text-brand-700 hover:underline"
                    data-testid={`wb-unaccepted-${m.id}`}
                  >
                    <span data-figure>{n(waiting.get(m.id) ?? 0)}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </Table>
        </div>
      ) : (
        <EmptyState>{t("team.none")}</EmptyState>
      )}
    </Card>
  );
}
