import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PrintButton } from "@/components/billing/print-button";
import { Receipt } from "@/components/billing/receipt";
import { requireUser } from "@/app/_lib/session";
import { BILLING_ROLES } from "@/lib/billing/access";
import { paymentReceipt } from "@/lib/billing/queries/household-account";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";

export async function generateMetadata() {
  return { title: (await getTranslations("billing.receipt"))("title") };
}

export default async function StaffReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(BILLING_ROLES);
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const data = await paymentReceipt(getDb(), user.companyId, Number(id));
  if (!data) notFound();
  const t = await getTranslations("billing");
  return (
    <div className="space-y-4">
      <div className="no-print flex items-center justify-between">
        <Link
          href={`/staff/billing/households/${data.payment.householdId}`}
          className="text-sm text-brand-700 hover:underline"
        >
          ← {t("cashier.account")}
        </Link>
        <div className="flex items-center gap-2">
          <PrintButton />
          <Link
            href="/staff/billing/cashier"
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
            data-testid="next-customer"
          >
            {t("cashier.nextCustomer")}
          </Link>
        </div>
      </div>
      <Receipt
        data={data}
        companyName={user.companyName}
        locale={(await getLocale()) as Locale}
        timeZone={user.timeZone}
      />
    </div>
  );
}
