import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import type { WorkOrderStatus } from "@/lib/tickets/rules";
import { OverdueBadge, StatusBadge } from "./order-bits";

type HeaderOrder = {
  id: number;
  type: string;
  status: WorkOrderStatus;
  acceptDueAt: Date | null;
  resolveDueAt: Date | null;
  escalationLevel?: number;
};

/**
 * The head of a work order's detail page: its type and number, its status and overdue badges.
 * `size` "page" on the staff order page, "compact" on the resident's phone page.
 */
export async function OrderDetailHeader({ order: o, size }: { order: HeaderOrder; size: "page" | "compact" }) {
  const t = await getTranslations("tickets");
  const page = size === "page";
  return (
    <div className={`flex ${page ? "flex-wrap " : ""}items-center justify-between gap-2`}>
      <h1 className={page ? "text-xl font-semibold" : "text-lg font-semibold"}>
        {t(`type.${o.type}`)} <span className={`${page ? "text-base" : "text-sm"} text-slate-500`}>#{o.id}</span>
      </h1>
      <span>
        <StatusBadge status={o.status} />
        <OverdueBadge order={o} />
      </span>
    </div>
  );
}

/** One fact of an order's facts list (<dl>): its label and value. */
export function OrderFact({
  label,
  children,
  className,
  testId,
}: {
  label: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className={className} data-testid={testId}>
        {children}
      </dd>
    </>
  );
}
