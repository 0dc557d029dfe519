import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getCheckout } from "@/lib/billing/checkout";
import { alipayAccount, wechatAccount } from "@/lib/billing/payment-accounts/queries";
import { secretsKey } from "@/lib/crypto/secrets";
import { getDb } from "@/lib/db";
import type { Db } from "@/lib/db/client";
import { syncAlipayCheckout } from "@/lib/flows/alipay-notify";
import { syncWechatCheckout } from "@/lib/flows/wechatpay-notify";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("billing.checkout.online"))("title") };
}

/**
 * Where a resident comes back from a provider's payment page (WeChat Pay H5). Only the resident
 * who opened the session sees it. While the session is open the order is queried at the provider
 * (the notification may not have arrived yet): paid there → recorded here, through the normal
 * payment path, once.
 */
export default async function OnlineReturnPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const user = await requireUser(["resident"]);
  const { sessionId } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) notFound();
  const db = getDb();
  let session = await getCheckout(db, user.companyId, user.id, sessionId);
  if (!session || session.provider === "sandbox") notFound();
  if (session.status === "open") {
    await queryProvider(db, user.companyId, session.provider, session.id).catch((e) =>
      console.error("[return] order query failed", e),
    );
    session = (await getCheckout(db, user.companyId, user.id, sessionId)) ?? session;
  }
  const t = await getTranslations("billing");
  const locale = (await getLocale()) as Locale;
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">{t("checkout.online.title")}</h1>
      <Card>
        <dl className="space-y-2 text-sm">
          <div className="flex justify-between">
            <dt className="text-slate-500">{t("checkout.online.provider")}</dt>
            <dd>{t(`accounts.providers.${session.provider as "wechatpay" | "alipay"}`)}</dd>
          </div>
          <div className="flex items-end justify-between">
            <dt className="text-slate-500">{t("checkout.amount")}</dt>
            <dd className="text-2xl font-semibold tabular-nums" data-testid="checkout-amount">
              {formatFen(session.amountFen, locale)}
            </dd>
          </div>
        </dl>
      </Card>
      <Card>
        <p className="text-sm" data-testid="checkout-status">
          {session.status === "paid"
            ? t("checkout.paid")
            : session.status === "open"
              ? t("checkout.online.waiting")
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
      <Link href="/bills" className="block text-center text-sm text-brand-700 hover:underline">
        {t("checkout.online.back")}
      </Link>
    </div>
  );
}

/** Asks the session's provider whether it was paid (and records it, once, when it was). */
async function queryProvider(db: Db, companyId: number, provider: string, sessionId: string) {
  if (provider === "wechatpay") {
    const account = await wechatAccount(db, secretsKey, companyId);
    if (account) await syncWechatCheckout(db, account, sessionId);
  } else if (provider === "alipay") {
    const account = await alipayAccount(db, secretsKey, companyId);
    if (account) await syncAlipayCheckout(db, account, sessionId);
  }
}
