import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PrintButton } from "@/components/billing/print-button";
import { Statement } from "@/components/billing/statement";
import { requireUser } from "@/app/_lib/session";
import { BILLING_ROLES } from "@/lib/billing/access";
import { paidThrough } from "@/lib/billing/rules";
import { householdAccount } from "@/lib/billing/queries/household-account";
import { transferParties } from "@/lib/billing/transfers";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { localDate } from "@/lib/time/zone";

export async function generateMetadata() {
  return { title: (await getTranslations("billing.transfer"))("statement") };
}

/** The transfer (过户) statement for both parties, one A4 page each: what each has paid up to, what each owes. */
export default async function TransferStatementPage({ params }: { params: Promise<{ unitId: string; date: string }> }) {
  const user = await requireUser(BILLING_ROLES);
  const { unitId, date } = await params;
  if (!/^\d+$/.test(unitId) || !/^\d{4}-\d{2}-\d{2}$/.test(date)) notFound();
  const db = getDb();
  const parties = await transferParties(db, user.companyId, Number(unitId), date);
  if (!parties) notFound();
  const today = localDate(new Date(), user.timeZone);
  const [seller, buyer] = await Promise.all([
    householdAccount(db, user.companyId, parties.sellerId, today),
    householdAccount(db, user.companyId, parties.buyerId, today),
  ]);
  if (!seller || !buyer) notFound();
  const t = await getTranslations("billing.transfer");
  const locale = (await getLocale()) as Locale;
  const intro = (role: "seller" | "buyer", account: typeof seller) => {
    const through = paidThrough(account.bills);
    return `${t(`intro.${role}`, { unit: parties.unitLabel, date, other: role === "seller" ? buyer.name : seller.name })} ${through ? t("paidThrough", { period: through }) : t("paidNothing")}`;
  };
  return (
    <div className="space-y-4">
      <div className="no-print flex justify-end">
        <PrintButton />
      </div>
      <Statement
        account={seller}
        unitLabel={parties.unitLabel}
        companyName={user.companyName}
        locale={locale}
        today={today}
        title={t("statement")}
        intro={intro("seller", seller)}
      />
      <Statement
        account={buyer}
        unitLabel={parties.unitLabel}
        companyName={user.companyName}
        locale={locale}
        today={today}
        title={t("statement")}
        intro={intro("buyer", buyer)}
      />
    </div>
  );
}
