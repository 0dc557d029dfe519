import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { GenerateForm } from "@/components/billing/generate-form";
import { Card, PageHeader, Stat } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { BILLING_ROLES } from "@/lib/billing/access";
import { collectionReport } from "@/lib/billing/queries/reports";
import { monthsInArrearsByHousehold } from "@/lib/billing/queries/arrears";

import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";
import { addMonths } from "@/lib/time/calendar";
import { localDate } from "@/lib/time/zone";
import { generateBillsAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("billing"))("title") };
}

export default async function BillingHome() {
  const user = await requireUser(BILLING_ROLES);
  const t = await getTranslations("billing");
  const locale = (await getLocale()) as Locale;
  const db = getDb();
  const today = localDate(new Date(), user.timeZone);
  const month = today.slice(0, 7);
  const [[current], arrears] = await Promise.all([
    collectionReport(db, user.companyId, month, month, "month"),
    monthsInArrearsByHousehold(db, user.companyId, today),
  ]);
  const owed = [...arrears.values()].reduce((s, a) => s + a.owedFen, 0);
  const links = [
    { href: "/staff/billing/cashier", label: t("cashier.title") },
    { href: `/staff/billing/bills?month=${month}`, label: t("bills.title") },
    { href: "/staff/billing/reports", label: t("reports.title") },
    { href: "/staff/billing/reconciliation", label: t("reconciliation.title") },
    { href: `/staff/billing/meters?month=${month}`, label: t("meters.title") },
    { href: "/staff/billing/contracts", label: t("contracts.title") },
  ];
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} subtitle={t("overviewSubtitle")} />
      <div className="grid gap-3 sm:grid-cols-4">
        <Stat label={`${month} ${t("bills.billed")}`} value={formatFen(current?.billedFen ?? 0, locale)} />
        <Stat label={`${month} ${t("bills.collected")}`} value={formatFen(current?.collectedFen ?? 0, locale)} />
        <Stat label={t("reports.inArrears")} value={arrears.size} />
        <Stat label={t("common.owed")} value={formatFen(owed, locale)} />
      </div>
      <div className="flex flex-wrap gap-2">
        {links.map((l) => (
          <Link
            key={l.href}
            href={l.href}
            className="rounded-md bg-white px-4 py-2 text-sm font-medium text-brand-700 ring-1 ring-slate-200 hover:bg-brand-50"
          >
            {l.label}
          </Link>
        ))}
      </div>
      <Card title={t("generate.title")}>
        <GenerateForm generateBillsAction={generateBillsAction} defaultPeriod={addMonths(month, 1)} />
      </Card>
    </div>
  );
}
