import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { SandboxCheckout } from "@/components/billing/sandbox-checkout";
import { sandboxCancelAction, sandboxPayAction } from "./actions";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getCheckout } from "@/lib/billing/checkout";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";

export async function generateMetadata() {
  return { title: (await getTranslations("billing.checkout"))("title") };
}

/** The sandbox provider's hosted checkout page, for the resident who opened the session only. */
export default async function SandboxCheckoutPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const user = await requireUser(["resident"]);
  const { sessionId } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) notFound();
  const session = await getCheckout(getDb(), user.companyId, user.id, sessionId);
  if (!session) notFound();
  const t = await getTranslations("billing");
  const locale = (await getLocale()) as Locale;
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">{t("checkout.title")}</h1>
      <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">{t("checkout.notice")}</p>
      <Card>
        <dl className="space-y-2 text-sm">
          <div className="flex justify-between">
            <dt className="text-slate-500">{t("checkout.merchant")}</dt>
            <dd>{user.companyName}</dd>
          </div>
          <div className="flex items-end justify-between">
            <dt className="text-slate-500">{t("checkout.amount")}</dt>
            <dd className="text-2xl font-semibold tabular-nums" data-testid="checkout-amount">
              {formatFen(session.amountFen, locale)}
            </dd>
          </div>
        </dl>
      </Card>
      {session.status === "open" ? (
        <SandboxCheckout
          pay={sandboxPayAction.bind(null, { sessionId: session.id })}
          cancel={sandboxCancelAction.bind(null, { sessionId: session.id })}
        />
      ) : (
        <Card>
          <p className="text-sm">
            {session.status === "paid"
              ? t("checkout.paid")
              : session.status === "expired"
                ? t("checkout.expired")
                : t("checkout.cancelled")}
          </p>
          {session.paymentId ? (
            <Link
              href={`/bills/receipts/${session.paymentId}`}
              className="mt-2 inline-block text-sm text-brand-700 hover:underline"
            >
              {t("resident.viewReceipt")}
            </Link>
          ) : null}
        </Card>
      )}
      <Link href="/bills" className="block text-center text-sm text-brand-700 hover:underline">
        {t("checkout.backToBills")}
      </Link>
    </div>
  );
}
