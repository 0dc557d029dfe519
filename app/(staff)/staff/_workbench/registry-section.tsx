import { getFormatter, getTranslations } from "next-intl/server";
import { Card, Stat } from "@/components/ui/card";
import type { SessionUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { registryCounts } from "@/lib/registry/queries";

/** Admin: the size of the company's registry (communities … residents). */
export async function RegistrySection({ user }: { user: SessionUser }) {
  const t = await getTranslations();
  const n = (await getFormatter()).number;
  const counts = await registryCounts(getDb(), user.companyId);
  return (
    <Card title={t("staff.registry")}>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        <Stat label={t("staff.communities")} value={n(counts.communities)} />
        <Stat label={t("staff.buildings")} value={n(counts.buildings)} />
        <Stat label={t("staff.units")} value={n(counts.units)} />
        <Stat label={t("staff.households")} value={n(counts.households)} />
        <Stat label={t("staff.residents")} value={n(counts.residents)} />
      </div>
    </Card>
  );
}
