import { Plus } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { HouseholdCard } from "@/components/residents/household-card";
import { RequestCard } from "@/components/residents/request-card";
import { Card, EmptyState } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { residentHome } from "@/lib/residents/queries";

export async function generateMetadata() {
  return { title: (await getTranslations("roleHome"))("resident") };
}

export default async function ResidentHome() {
  const user = await requireUser(["resident"]);
  const t = await getTranslations();
  const { households, requests } = await residentHome(getDb(), user.companyId, user.id);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold">{t("roleHome.resident")}</h1>
        <p className="text-sm text-slate-600">{t("resident.greeting", { name: user.name })}</p>
      </div>
      {requests.length > 0 ? (
        <Card title={t("residents.home.requestsTitle")}>
          <ul className="space-y-3">
            {requests.map((r) => (
              <RequestCard key={r.linkId} request={r} timeZone={user.timeZone} />
            ))}
          </ul>
        </Card>
      ) : null}
      <Card
        title={t("resident.myHouseholds")}
        actions={
          <Link href="/me#add-household" className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline">
            <Plus aria-hidden className="h-4 w-4" />
            {t("residents.home.addHousehold")}
          </Link>
        }
      >
        {households.length === 0 ? (
          <EmptyState>{requests.some((r) => r.status === "pending") ? t("residents.home.noneApprovedYet") : t("resident.noHouseholds")}</EmptyState>
        ) : (
          <ul className="space-y-3">
            {households.map((h) => (
              <HouseholdCard key={h.linkId} household={h} />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
