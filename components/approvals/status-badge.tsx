import { getTranslations } from "next-intl/server";

const TONE: Record<string, string> = {
  draft: "bg-slate-100 text-slate-700",
  pending: "bg-amber-100 text-amber-800",
  approved: "bg-emerald-100 text-emerald-800",
  rejected: "bg-red-100 text-red-700",
  returned: "bg-orange-100 text-orange-800",
  withdrawn: "bg-slate-100 text-slate-600",
};

export async function RequestStatusBadge({ status }: { status: string }) {
  const t = await getTranslations("approvals.status");
  return (
    <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${TONE[status] ?? ""}`}>
      {t(status as "draft")}
    </span>
  );
}
