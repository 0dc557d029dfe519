import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import type { SessionUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { loadOrderScope, TRIAGE_ROLES } from "@/lib/tickets/access";
import type { WorkOrderType } from "@/lib/tickets/rules";
import { dayBounds, localDate } from "@/lib/time/zone";
import { orderFigures } from "@/lib/workbench/orders";
import { Figure, FigureGrid } from "@/components/workbench/figure";

/**
 * The orders a person answers for: the whole scope (admin, PM, supervisor, front desk) or the
 * orders dispatched to them (butler). Each figure links to the orders list with the same filters.
 */
export async function OrdersSection({ user, mine }: { user: SessionUser; mine: boolean }) {
  const t = await getTranslations("workbench");
  const n = (await getFormatter()).number;
  const db = getDb();
  const now = new Date();
  const scope = await loadOrderScope(db, user.companyId, user);
  const todayStart = dayBounds(localDate(now, user.timeZone), user.timeZone).start;
  const f = await orderFigures(db, user.companyId, scope, now, { assignedTo: mine ? user.id : undefined, todayStart });
  const tab = mine ? "mine" : "scope";
  const href = (q: string) => `/staff/orders?tab=${tab}${q}`;
  const overdueTypes = Object.entries(f.overdueByType).sort((a, b) => b[1] - a[1]) as [WorkOrderType, number][];
  return (
    <Card title={t(mine ? "orders.mineTitle" : "orders.title")}>
      <FigureGrid>
        <Figure label={t("orders.open")} value={n(f.open)} href={href("&status=open")} testId="wb-open" />
        <Figure
          label={t("orders.overdue")}
          value={n(f.overdue)}
          href={href("&status=open&overdue=1")}
          tone={f.overdue ? "alert" : "good"}
          testId="wb-overdue"
        />
        {mine ? (
          <>
            <Figure
              label={t("orders.visits")}
              value={n(f.openByType.visit ?? 0)}
              href={href("&status=open&type=visit")}
              testId="wb-visits"
            />
            <Figure
              label={t("orders.collectionCalls")}
              value={n(f.openByType.collection ?? 0)}
              href={href("&status=open&type=collection")}
              testId="wb-collection"
            />
          </>
        ) : (
          <>
            <Figure
              label={t("orders.emergencies")}
              value={n(f.emergenciesOpen)}
              href={href("&status=open&type=emergency")}
              tone={f.emergenciesOpen ? "alert" : "plain"}
              testId="wb-emergencies"
            />
            <Figure
              label={t("orders.today")}
              value={n(f.createdToday)}
              href={href("&status=all&since=today")}
              testId="wb-today"
            />
          </>
        )}
        {!mine && user.roles.some((r) => TRIAGE_ROLES.includes(r)) ? (
          <Figure
            label={t("orders.triage")}
            value={n(f.awaitingTriage)}
            href="/staff/orders?tab=triage&status=open"
            tone={f.awaitingTriage ? "warn" : "plain"}
            testId="wb-triage"
          />
        ) : null}
      </FigureGrid>
      <OverdueByType types={overdueTypes} href={href} />
    </Card>
  );
}

/** Overdue orders by type, each a link to the overdue list of that type. */
async function OverdueByType({ types, href }: { types: [WorkOrderType, number][]; href: (q: string) => string }) {
  if (!types.length) return null;
  const t = await getTranslations("workbench");
  const tt = await getTranslations("tickets.type");
  const n = (await getFormatter()).number;
  return (
    <div className="mt-4">
      <h3 className="mb-2 text-xs font-medium text-slate-600">{t("orders.overdueByType")}</h3>
      <ul className="flex flex-wrap gap-2 text-sm">
        {types.map(([type, count]) => (
          <li key={type}>
            <Link
              href={href(`&status=open&overdue=1&type=${type}`)}
              data-testid={`wb-overdue-${type}`}
              className="inline-flex min-h-11 items-center gap-2 rounded-md bg-red-50 px-3 text-red-800 ring-1 ring-red-200 hover:ring-red-400"
            >
              {tt(type)}{" "}
              <span className="font-semibold tabular-nums" data-figure>
                {n(count)}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
