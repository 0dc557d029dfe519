import type { Band } from "@/lib/crm/config";

/** Colour (Tailwind classes) and emoji shown with the band everywhere a household appears. */
export const BAND_STYLE: Record<Band, { emoji: string; className: string; color: string }> = {
  excellent: { emoji: "😊", className: "bg-emerald-100 text-emerald-800 ring-emerald-300", color: "#059669" },
  good: { emoji: "🙂", className: "bg-sky-100 text-sky-800 ring-sky-300", color: "#0284c7" },
  fair: { emoji: "😐", className: "bg-amber-100 text-amber-800 ring-amber-300", color: "#d97706" },
  poor: { emoji: "🙁", className: "bg-orange-100 text-orange-800 ring-orange-300", color: "#ea580c" },
  critical: { emoji: "😠", className: "bg-red-100 text-red-800 ring-red-300", color: "#dc2626" },
};

export const GOLD_STYLE = { emoji: "🏅", className: "bg-yellow-100 text-yellow-900 ring-yellow-400", color: "#ca8a04" };
