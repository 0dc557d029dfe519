import { useTranslations } from "next-intl";
import { BAND_STYLE, GOLD_STYLE } from "@/components/crm/band-style";
import type { Band } from "@/lib/crm/config";

/**
 * A household's sentiment band with its colour and emoji (§8.1), optionally the score, and
 * the gold badge as the sixth marker. Works in server and client components.
 */
export function BandBadge({
  band,
  score,
  gold = false,
  compact = false,
}: {
  band: Band;
  score?: number;
  gold?: boolean;
  compact?: boolean;
}) {
  const t = useTranslations("crm");
  const s = BAND_STYLE[band];
  const label = score === undefined ? t(`band.${band}`) : t("scoreLabel", { score, band: t(`band.${band}`) });
  return (
    <span className="inline-flex items-center gap-1 align-middle">
      <span
        title={`${label} · ${t(`bandMeaning.${band}`)}`}
        className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${s.className}`}
      >
        <span aria-hidden>{s.emoji}</span>
        {compact ? (score ?? t(`band.${band}`)) : label}
      </span>
      {gold && (
        <span
          title={t("gold.badge")}
          className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${GOLD_STYLE.className}`}
        >
          <span aria-hidden>{GOLD_STYLE.emoji}</span>
          {compact ? null : t("gold.badge")}
        </span>
      )}
    </span>
  );
}
