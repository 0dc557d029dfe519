import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { TextParams } from "@/lib/i18n/system-text";
import { OrderTitleWith, OverdueBadgeWith, StatusBadgeWith } from "@/components/tickets/order-bits";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import { isOpen, isOverdue, type WorkOrderStatus } from "@/lib/tickets/rules";
import type { WORK_ORDER_TYPES } from "@/db/schema/tickets";

/** The fields of an orders-list row the card shows (lib/tickets/queries.ts listOrders rows fit). */
export interface OrderCardRow {
  id: number;
  type: (typeof WORK_ORDER_TYPES)[number];
  status: WorkOrderStatus;
  title: string | null;
  description: string;
  textKey?: string | null;
  textParams?: TextParams | null;
  acceptDueAt: Date | null;
  resolveDueAt: Date | null;
  escalationLevel?: number;
  householdName: string | null;
  buildingCode: string | null;
  unitNumber: string | null;
  assignees: string | null;
}

/**
 * The orders list on a phone (below the md breakpoint; the page shows its dense table above it):
 * one tappable card per order with its status, deadline, household and assignees.
 */
export async function OrderCards({
  rows,
  now,
  locale,
  timeZone,
}: {
  rows: OrderCardRow[];
  now: Date;
  locale: Locale;
  timeZone: string;
}) {
  const t = await getTranslations("tickets");
  const tr = await getTranslations();
  const sep = tr("common.listSeparator");
  return (
    <ul className="space-y-2" data-testid="order-cards">
      {rows.map((o) => {
        const due = o.status === "assigned" ? o.acceptDueAt : o.resolveDueAt;
        return (
          <li key={o.id}>
            <Link
              href={`/staff/orders/${o.id}`}
              className={`block rounded-lg p-3 ring-1 ${isOverdue(o, now) ? "bg-red-50 ring-red-200" : "bg-white ring-slate-200"}`}
              data-testid={`order-card-${o.id}`}
            >
              <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                <span className="font-medium text-brand-700 tabular-nums">#{o.id}</span>
                <span className="text-slate-700">{t(`type.${o.type}`)}</span>
                <span className="ml-auto">
                  <StatusBadgeWith status={o.status} t={tr} />
                  <OverdueBadgeWith order={o} now={now} t={tr} />
                </span>
              </div>
              <p className="mt-1 line-clamp-2 break-words text-sm text-slate-900">
                <OrderTitleWith order={o} t={tr} />
              </p>
              <p className="mt-1 break-words text-xs text-slate-600">
                <span data-user-text>{o.householdName ?? "—"}</span>
                {o.buildingCode ? ` · ${o.buildingCode}-${o.unitNumber}` : ""}
                {o.assignees ? <span data-user-text>{` · ${o.assignees.split("\u001f").join(sep)}`}</span> : null}
              </p>
              {due && isOpen(o.status) ? (
                <p className="mt-1 text-xs text-slate-600">
                  {o.status === "assigned" ? t("common.acceptDue") : t("common.resolveDue")}:{" "}
                  <span className="tabular-nums">{formatDateTime(due, locale, timeZone)}</span>
                </p>
              ) : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
