import { useTranslations } from "next-intl";
import { BAND_STYLE, GOLD_STYLE } from "@/components/crm/band-style";
import type { Band } from "@/lib/crm/config";

type CrmTranslator = ReturnType<typeof useTranslations<"crm">>;

interface BadgeProps {
  band: Band;
  score?: number;
  gold?: boolean;
  compact?: boolean;
}

/**
 * A household's sentiment band with its colour and emoji (§8.1), optionally the score, and
 * the gold badge as the sixth marker. Works in server and client components.
 */
export function BandBadge(props: BadgeProps) {
  return <BandBadgeWith {...props} t={useTranslations("crm")} />;
}

/**
 * The same badge with the caller's translator (`await getTranslations("crm")`): for the rows of a
 * list rendered by an async server component. There each hook call suspends once on next-intl's
 * config, so every badge of the first pass became a chunk of its own, streamed and swapped in by
 * a script (315 on an admin's CRM dashboard: half its 830 KB).
 */
export function BandBadgeWith({ band, score, gold = false, compact = false, t }: BadgeProps & { t: CrmTranslator }) {
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
