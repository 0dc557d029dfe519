import { useFormatter, useTranslations } from "next-intl";

/** The gold service card (金章服务卡, §8.4) as the resident sees it. */
export function GoldCard({
  householdName,
  expiresOn,
  discountPercent,
}: {
  householdName: string;
  expiresOn: string;
  discountPercent: number;
}) {
  const t = useTranslations("crm.gold");
  const format = useFormatter();
  // expiresOn is the first day without the badge; the card is valid through the day before.
  const last = new Date(`${expiresOn}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() - 1);
  return (
    <section
      aria-label={t("card")}
      data-testid="gold-card"
      className="relative overflow-hidden rounded-2xl bg-gradient-to-br from-yellow-300 via-amber-400 to-yellow-600 p-4 text-amber-950 shadow-md"
    >
      <div className="flex items-start justify-between gap-2">
        <div>
          <p className="text-xs font-medium tracking-wide uppercase opacity-80">{t("badge")}</p>
          <h2 className="text-lg font-bold">🏅 {t("card")}</h2>
        </div>
        <span className="rounded-full bg-amber-950/10 px-2 py-1 text-xs font-semibold">
          {t("discount", { percent: discountPercent })}
        </span>
      </div>
      <p className="mt-3 text-sm font-medium" data-user-text>
        {householdName}
      </p>
      <p className="text-xs opacity-80">
        {t("validUntil", { date: format.dateTime(last, { dateStyle: "medium", timeZone: "UTC" }) })}
      </p>
      <p className="mt-2 text-xs opacity-80">{t("thanks")}</p>
    </section>
  );
}
