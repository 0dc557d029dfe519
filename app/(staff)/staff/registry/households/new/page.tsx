import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { HouseholdForm } from "@/components/registry/household-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { REGISTRY_EDIT_ROLES } from "@/lib/registry/access";
import { listCommunityOptions } from "@/lib/registry/directory";
import { unitOptions } from "@/lib/registry/household-form-data";
import { loadRegistryFacts } from "@/lib/registry/view";
import { createHouseholdAction, updateHouseholdAction } from "../../actions";

/** New household: pick the community first (GET ?community=), then its free units. */
export default async function NewHouseholdPage({ searchParams }: { searchParams: Promise<{ community?: string }> }) {
  const user = await requireUser(REGISTRY_EDIT_ROLES);
  const t = await getTranslations("registry");
  const db = getDb();
  const companyWide = user.roles.includes("admin") || user.roles.includes("front_desk");
  const facts = await loadRegistryFacts(db, user.companyId, user.id);
  const communities = (
    await listCommunityOptions(db, user.companyId, companyWide ? "all" : facts.managedCommunityIds)
  ).filter((c) => c.active);
  const requested = Number((await searchParams).community);
  const community =
    communities.find((c) => c.id === requested) ?? (communities.length === 1 ? communities[0] : undefined);
  const options = community ? await unitOptions(db, user.companyId, community.id) : [];
  return (
    <div className="max-w-4xl space-y-4">
      <nav className="text-sm text-slate-500">
        <Link href="/staff/registry/households" className="hover:underline">
          {t("householdsTitle")}
        </Link>{" "}
        / {t("createHousehold")}
      </nav>
      <PageHeader title={t("createHousehold")} />
      <Card>
        <form method="get" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="community" className="mb-1 block text-sm font-medium text-slate-700">
              {t("community")}
            </label>
            <select
              id="community"
              name="community"
              defaultValue={community?.id ?? ""}
              className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
            >
              <option value="" disabled>
                {t("chooseCommunity")}
              </option>
              {communities.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <button
            type="submit"
            className="rounded-md px-3 py-2 text-sm text-brand-700 ring-1 ring-brand-100 hover:bg-brand-50"
          >
            {t("showUnits")}
          </button>
        </form>
      </Card>
      {community ? (
        <Card title={community.name}>
          <HouseholdForm
            createHouseholdAction={createHouseholdAction}
            updateHouseholdAction={updateHouseholdAction}
            units={options}
          />
        </Card>
      ) : communities.length === 0 ? (
        <EmptyState>{t("noCommunities")}</EmptyState>
      ) : null}
    </div>
  );
}
