import { getTranslations } from "next-intl/server";
import { AlipayAccountForm, WechatAccountForm } from "@/components/billing/payment-account-forms";
import { Card, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { BILLING_SETTINGS_ROLES } from "@/lib/billing/access";
import { paymentAccountSummaries } from "@/lib/billing/payment-accounts/queries";
import { getDb } from "@/lib/db";
import { saveAlipayAccountAction, saveWechatAccountAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("billing.accounts"))("title") };
}

/**
 * The company's merchant accounts (admin): WeChat Pay v3 and Alipay. Secrets are sealed at
 * rest and never sent back — the page shows only "set, ends in …" (the last 4 characters).
 */
export default async function PaymentAccountsPage() {
  const user = await requireUser(BILLING_SETTINGS_ROLES);
  const t = await getTranslations("billing.accounts");
  const { accounts, residentProvider } = await paymentAccountSummaries(getDb(), user.companyId);
  const wechat = accounts.find((a) => a.provider === "wechatpay");
  const alipay = accounts.find((a) => a.provider === "alipay");
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <p className="text-sm text-slate-600" data-testid="resident-provider">
        {t("residentProvider", { provider: t(`providers.${residentProvider}`) })}
      </p>
      <Card title={t("wechat.title")}>
        <WechatAccountForm
          action={saveWechatAccountAction}
          config={wechat?.config ?? {}}
          hints={wechat?.secretHints}
          enabled={wechat?.enabled ?? false}
          useForResidents={residentProvider === "wechatpay"}
        />
      </Card>
      <Card title={t("alipay.title")}>
        <AlipayAccountForm
          action={saveAlipayAccountAction}
          config={alipay?.config ?? {}}
          hints={alipay?.secretHints}
          enabled={alipay?.enabled ?? false}
          useForResidents={residentProvider === "alipay"}
        />
      </Card>
    </div>
  );
}
