import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import type { SessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { INTAKE_ROLES, loadOrderScope } from "@/lib/tickets/access";
import { listOrders } from "@/lib/tickets/queries";
import { OverdueBadgeWith, StatusBadgeWith } from "@/components/tickets/order-bits";

/** The household page's card: its latest work orders (the viewer's order scope applies). */
export async function HouseholdOrders({ user, householdId }: { user: SessionUser; householdId: number }) {
  const t = await getTranslations("tickets");
  const tr = await getTranslations();
  const db = getDb();
  const scope = await loadOrderScope(db, user.companyId, user);
  const { rows } = await listOrders(db, user.companyId, scope, { householdId, status: "all" });
  return (
    <Card
      title={t("household.recent")}
      actions={
        user.roles.some((r) => INTAKE_ROLES.includes(r)) ? (
          <Link href={`/staff/orders/new?household=${householdId}`} className="text-sm text-brand-700 hover:underline">
            {t("staff.newOrder")}
          </Link>
        ) : null
      }
    >
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">{t("household.none")}</p>
      ) : (
        <ul className="space-y-2 text-sm" data-testid="household-orders">
          {rows.slice(0, 5).map((o) => (
            <li key={o.id} className="flex flex-wrap items-center justify-between gap-1">
              <Link href={`/staff/orders/${o.id}`} className="text-brand-700 hover:underline">
                #{o.id} {t(`type.${o.type}`)}
              </Link>
              <span>
                <StatusBadgeWith status={o.status} t={tr} />
                <OverdueBadgeWith order={o} t={tr} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
