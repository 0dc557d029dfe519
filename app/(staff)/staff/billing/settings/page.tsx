import Link from "next/link";
import { getTranslations } from "next-intl/server";
import {
  BillingSettingsForm,
  CollectionTargetForm,
  FeeItemRowForm,
  NewFeeItemForm,
} from "@/components/billing/fee-item-forms";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { BILLING_SETTINGS_ROLES } from "@/lib/billing/access";
import { listFeeItems } from "@/lib/billing/queries/bills";
import { getBillingSettings } from "@/lib/billing/pricing";
import { collectionTarget, priceHistory } from "@/lib/billing/settings";
import { centiToText, fenToYuanText } from "@/lib/billing/rules";
import { getDb } from "@/lib/db";
import { createFeeItemAction, saveCollectionTargetAction, saveSettingsAction, updateFeeItemAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("billing.settings"))("title") };
}

/** Fee items and billing settings (admin). */
export default async function FeeItemsPage() {
  const user = await requireUser(BILLING_SETTINGS_ROLES);
  const t = await getTranslations("billing");
  const db = getDb();
  const [items, settings, prices, target] = await Promise.all([
    listFeeItems(db, user.companyId),
    getBillingSettings(db, user.companyId),
    priceHistory(db, user.companyId),
    collectionTarget(db, user.companyId),
  ]);
  return (
    <div className="space-y-4">
      <PageHeader title={t("settings.title")} subtitle={t("settings.subtitle")} />
      <Link href="/staff/billing/payments" className="inline-block text-sm text-brand-700 hover:underline">
        {t("accounts.title")} →
      </Link>
      <Card title={t("settings.title")}>
        {items.length === 0 ? (
          <EmptyState>{t("common.none")}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {items.map((i) => (
              <li key={i.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                <div>
                  <div className="font-medium" data-user-text>
                    {i.name}
                  </div>
                  <div className="text-xs text-slate-500">{t(`kind.${i.kind}`)}</div>
                  <PriceHistory
                    label={t("settings.history")}
                    lines={prices
                      .filter((p) => p.feeItemId === i.id)
                      .map((p) =>
                        t("settings.historyLine", { period: p.fromPeriod, price: fenToYuanText(p.priceFen) }),
                      )}
                  />
                </div>
                <FeeItemRowForm
                  updateFeeItemAction={updateFeeItemAction}
                  id={i.id}
                  price={fenToYuanText(i.priceFen)}
                  active={i.active}
                />
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("settings.add")}>
        <NewFeeItemForm createFeeItemAction={createFeeItemAction} />
      </Card>
      <Card title={t("settings.billing")}>
        <BillingSettingsForm
          saveSettingsAction={saveSettingsAction}
          dueDay={settings.dueDay}
          rounding={settings.rounding}
          proration={settings.proration}
          vacancyRate={centiToText(settings.vacancyRateBp)}
        />
      </Card>
      <Card title={t("settings.target")}>
        <p className="mb-3 text-sm text-slate-600">{t("settings.targetHint")}</p>
        <CollectionTargetForm
          saveCollectionTargetAction={saveCollectionTargetAction}
          target={target === null ? "" : centiToText(target)}
        />
      </Card>
    </div>
  );
}

function PriceHistory({ label, lines }: { label: string; lines: string[] }) {
  if (lines.length === 0) return null;
  return (
    <div className="mt-1 text-xs text-slate-600">
      <span className="font-medium">{label}: </span>
      {lines.join(" · ")}
    </div>
  );
}
