import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PrintButton } from "@/components/billing/print-button";
import { ContractReceipt } from "@/components/billing/receipt";
import { requireUser } from "@/app/_lib/session";
import { BILLING_ROLES } from "@/lib/billing/access";
import { contractReceipt } from "@/lib/billing/contract-queries";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";

export async function generateMetadata() {
  return { title: (await getTranslations("billing.receipt"))("title") };
}

/** The printable receipt of a contract customer's payment (多种经营). */
export default async function ContractReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(BILLING_ROLES);
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const data = await contractReceipt(getDb(), user.companyId, Number(id));
  if (!data) notFound();
  const t = await getTranslations("billing");
  return (
    <div className="space-y-4">
      <div className="no-print flex items-center justify-between">
        <Link href="/staff/billing/contracts" className="text-sm text-brand-700 hover:underline">
          ← {t("contracts.title")}
        </Link>
        <PrintButton />
      </div>
      <ContractReceipt
        data={data}
        companyName={user.companyName}
        locale={(await getLocale()) as Locale}
        timeZone={user.timeZone}
      />
    </div>
  );
}
