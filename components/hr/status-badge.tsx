import { getTranslations } from "next-intl/server";
import type { STAFF_STATUSES } from "@/db/schema/hr";

const tone: Record<(typeof STAFF_STATUSES)[number], string> = {
  active: "bg-emerald-100 text-emerald-800",
  on_leave: "bg-amber-100 text-amber-800",
  exited: "bg-slate-200 text-slate-600",
};

export async function StaffStatusBadge({ status }: { status: (typeof STAFF_STATUSES)[number] }) {
  const t = await getTranslations("hr");
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${tone[status]}`}>{t(`status.${status}`)}</span>;
}
