import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PrintButton } from "@/components/billing/print-button";
import { Statement } from "@/components/billing/statement";
import { requireUser } from "@/app/_lib/session";
import { BILLING_ROLES } from "@/lib/billing/access";
import { householdAccount } from "@/lib/billing/queries/household-account";

import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { getHousehold } from "@/lib/registry/households";
import { localDate } from "@/lib/time/zone";

export async function generateMetadata() {
  return { title: (await getTranslations("billing.print"))("statement") };
}

export default async function HouseholdStatementPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(BILLING_ROLES);
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const db = getDb();
  const today = localDate(new Date(), user.timeZone);
  const [account, household] = await Promise.all([
    householdAccount(db, user.companyId, Number(id), today),
    getHousehold(db, user.companyId, { kind: "all" }, Number(id)),
  ]);
  if (!account || !household) notFound();
  const unit = household.units[0];
  return (
    <div className="space-y-4">
      <div className="no-print flex justify-end">
        <PrintButton />
      </div>
      <Statement
        account={account}
        unitLabel={unit ? `${unit.communityName} ${unit.buildingCode}-${unit.number}` : ""}
        companyName={user.companyName}
        locale={(await getLocale()) as Locale}
        today={today}
      />
    </div>
  );
}
