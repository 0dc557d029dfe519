import { getTranslations } from "next-intl/server";
import { ChainSettings } from "@/components/approvals/chain-settings";
import { Card, PageHeader } from "@/components/ui/card";
import { REQUEST_TYPES } from "@/db/schema/approvals";
import { CHAIN_ADMIN_ROLES } from "@/lib/approvals/access";
import { loadChainConfig } from "@/lib/approvals/commands/chains";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { saveChainsAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("approvals"))("settings.title") };
}

/** The approval chains per type and amount (admin); saved validated and audited. */
export default async function ChainSettingsPage() {
  const user = await requireUser(CHAIN_ADMIN_ROLES);
  const t = await getTranslations("approvals");
  const config = await loadChainConfig(getDb(), user.companyId);
  const initial = Object.fromEntries(
    REQUEST_TYPES.map((type) => [
      type,
      {
        financeReview: config[type].financeReview,
        tiers: config[type].tiers.map((x) => ({
          max: x.maxFen === null ? "" : (x.maxFen / 100).toFixed(2).replace(/\.00$/, ""),
          roles: x.roles,
        })),
      },
    ]),
  ) as Parameters<typeof ChainSettings>[0]["initial"];
  return (
    <div className="max-w-4xl space-y-4">
      <PageHeader title={t("settings.title")} subtitle={t("settings.intro")} />
      <Card>
        <ChainSettings saveChainsAction={saveChainsAction} initial={initial} />
      </Card>
    </div>
  );
}
