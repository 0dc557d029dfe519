import { getTranslations } from "next-intl/server";

const STYLE: Record<string, string> = {
  pending_payment: "bg-amber-100 text-amber-900",
  paid: "bg-blue-100 text-blue-900",
  accepted: "bg-indigo-100 text-indigo-900",
  delivered: "bg-teal-100 text-teal-900",
  done: "bg-green-100 text-green-900",
  cancelled: "bg-slate-200 text-slate-800",
  refunded: "bg-slate-200 text-slate-800",
};

export async function OrderStatus({ status }: { status: string }) {
  const t = await getTranslations("portal.shop.status");
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${STYLE[status] ?? ""}`}>{t(status as "paid")}</span>
  );
}
