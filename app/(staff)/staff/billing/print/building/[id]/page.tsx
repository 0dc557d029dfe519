import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PrintButton } from "@/components/billing/print-button";
import { Statement } from "@/components/billing/statement";
import { requireUser } from "@/app/_lib/session";
import { BILLING_ROLES } from "@/lib/billing/access";
import { buildingStatementHouseholds } from "@/lib/billing/queries/bills";
import { householdAccount } from "@/lib/billing/queries/household-account";

import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { getBuilding } from "@/lib/registry/directory";
import { localDate } from "@/lib/time/zone";

export async function generateMetadata() {
  return { title: (await getTranslations("billing.print"))("statement") };
}

/** Batch print (打单) for one building: one A4 statement per household that owes (or every household with ?all=1), a page each. */
export default async function BuildingStatementsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ all?: string }>;
}) {
  const user = await requireUser(BILLING_ROLES);
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const db = getDb();
  const building = await getBuilding(db, user.companyId, Number(id));
  if (!building) notFound();
  const today = localDate(new Date(), user.timeZone);
  const everyone = (await searchParams).all === "1";
  const list = await buildingStatementHouseholds(db, user.companyId, building.id);
  const accounts = [];
  for (const h of list) {
    const account = await householdAccount(db, user.companyId, h.id, today);
    // By default only the households that owe something (催缴); ?all=1 prints every household.
    if (account && (everyone || account.outstandingFen > 0)) accounts.push({ account, unit: h.unitNumber });
  }
  const t = await getTranslations("billing.print");
  const locale = (await getLocale()) as Locale;
  return (
    <div className="space-y-4">
      <div className="no-print flex items-center justify-between">
        <h1 className="text-lg font-semibold">{t("batch", { building: building.name, count: accounts.length })}</h1>
        <PrintButton />
      </div>
      {accounts.map(({ account, unit }) => (
        <Statement
          key={account.id}
          account={account}
          unitLabel={`${building.name} ${unit}`}
          companyName={user.companyName}
          locale={locale}
          today={today}
        />
      ))}
    </div>
  );
}
