import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/tickets/action-form";
import { OrderTitleWith, StatusBadgeWith } from "@/components/tickets/order-bits";
import { SlaCountdownWith } from "@/components/tickets/sla-countdown";
import { Card, EmptyState } from "@/components/ui/card";
import type { ActionResult } from "@/lib/actions/result";
import type { SessionUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { loadOrderScope } from "@/lib/tickets/access";
import { myOrdersByDeadline } from "@/lib/workbench/orders";
import { MeterRoundLink } from "./meter-round-link";

type OrderAction = (fd: FormData) => Promise<ActionResult<null>>;

const BUTTON = "min-h-11 rounded-md px-4 text-sm font-medium";

/** Technician: my open orders by SLA deadline, each with its next step in one tap (finish opens the order for photos). */
export async function TechnicianSection({
  user,
  accept,
  start,
}: {
  user: SessionUser;
  accept: OrderAction;
  start: OrderAction;
}) {
  const [t, tt, tr] = await Promise.all([getTranslations("workbench"), getTranslations("tickets"), getTranslations()]);
  const db = getDb();
  const now = new Date();
  const scope = await loadOrderScope(db, user.companyId, user);
  const rows = await myOrdersByDeadline(db, user.companyId, scope, now);
  return (
    <>
      <MeterRoundLink user={user} />
      <Card
        title={t("tech.title")}
        actions={
          <Link
            href="/staff/orders?tab=mine&status=open"
            className="text-sm text-brand-700 hover:underline"
            data-testid="wb-tech-all"
          >
            {t("tech.all")}
          </Link>
        }
      >
        {rows.length === 0 ? (
          <EmptyState>{t("tech.none")}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="wb-tech-orders">
            {rows.map((o) => (
              <li key={o.id} className="flex flex-wrap items-center gap-3 py-2" data-testid={`wb-tech-order-${o.id}`}>
                <Link
                  href={`/staff/orders/${o.id}`}
                  className="min-w-0 basis-full hover:underline sm:flex-1 sm:basis-0"
                >
                  <span className="block text-sm font-medium">
                    #{o.id} · {tt(`type.${o.type}`)}
                  </span>
                  <span className="block truncate text-xs text-slate-600">
                    {o.householdName ? <span data-user-text>{`${o.householdName} · `}</span> : null}
                    <OrderTitleWith order={o} t={tr} />
                  </span>
                </Link>
                <StatusBadgeWith status={o.status} t={tr} />
                <SlaCountdownWith order={o} now={now} t={tr} />
                {o.acceptable ? (
                  <ActionForm action={accept}>
                    <input type="hidden" name="id" value={o.id} />
                    <button type="submit" className={`${BUTTON} bg-brand-600 text-white`}>
                      {tt("staff.accept")}
                    </button>
                  </ActionForm>
                ) : o.status === "accepted" ? (
                  <ActionForm action={start}>
                    <input type="hidden" name="id" value={o.id} />
                    <button type="submit" className={`${BUTTON} bg-brand-600 text-white`}>
                      {tt("staff.start")}
                    </button>
                  </ActionForm>
                ) : o.status === "in_progress" ? (
                  <Link
                    href={`/staff/orders/${o.id}#resolve`}
                    className={`${BUTTON} inline-flex items-center bg-emerald-700 text-white`}
                  >
                    {tt("staff.resolve")}
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
