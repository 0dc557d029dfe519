import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PrintButton } from "@/components/billing/print-button";
import { Receipt } from "@/components/billing/receipt";
import { paymentReceipt } from "@/lib/billing/queries/household-account";
import { residentHouseholdIds } from "@/lib/billing/queries/bills";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";

export async function generateMetadata() {
  return { title: (await getTranslations("billing.receipt"))("title") };
}

/** A receipt of one of the resident's own households; any other id is a 404. */
export default async function ResidentReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(["resident"]);
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const db = getDb();
  const [data, mine] = await Promise.all([
    paymentReceipt(db, user.companyId, Number(id)),
    residentHouseholdIds(db, user.companyId, user.id),
  ]);
  if (!data || !mine.includes(data.payment.householdId)) notFound();
  const t = await getTranslations("billing");
  return (
    <div className="space-y-4">
      <Receipt
        data={data}
        companyName={user.companyName}
        locale={(await getLocale()) as Locale}
        timeZone={user.timeZone}
      />
      <div className="no-print flex justify-between">
        <Link href="/bills" className="text-sm text-brand-700 hover:underline">
          ← {t("checkout.backToBills")}
        </Link>
        <PrintButton />
      </div>
    </div>
  );
}
