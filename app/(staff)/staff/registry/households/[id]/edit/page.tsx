import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { HouseholdForm } from "@/components/registry/household-form";
import { Card, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { canEditCommunity, REGISTRY_EDIT_ROLES, registryViewFor } from "@/lib/registry/access";
import { unitOptions } from "@/lib/registry/household-form-data";
import { getHousehold } from "@/lib/registry/households";
import { parseId } from "@/app/_lib/registry-guards";
import { loadRegistryFacts } from "@/lib/registry/view";
import { createHouseholdAction, updateHouseholdAction } from "@/app/(staff)/staff/registry/actions";

export default async function EditHouseholdPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(REGISTRY_EDIT_ROLES);
  const id = parseId((await params).id);
  const db = getDb();
  const facts = await loadRegistryFacts(db, user.companyId, user.id);
  const household = await getHousehold(db, user.companyId, registryViewFor(user.roles, facts), id);
  if (!household || !household.active) notFound();
  if (household.communityId == null || !canEditCommunity(user.roles, household.communityId, facts.managedCommunityIds))
    forbidden();
  const t = await getTranslations("registry");
  const options = await unitOptions(
    db,
    user.companyId,
    household.communityId,
    household.units.map((u) => u.id),
  );
  return (
    <div className="max-w-4xl space-y-4">
      <nav className="text-sm text-slate-500">
        <Link href={`/staff/registry/households/${id}`} className="hover:underline">
          {household.name}
        </Link>{" "}
        / {t("edit")}
      </nav>
      <PageHeader title={t("editHousehold")} />
      <Card>
        <HouseholdForm
          createHouseholdAction={createHouseholdAction}
          updateHouseholdAction={updateHouseholdAction}
          units={options}
          initial={{
            id,
            name: household.name,
            kind: household.kind,
            unitIds: household.units.map((u) => u.id),
            contacts: household.contacts.map((c) => ({ name: c.name, phone: c.phone ?? "", email: c.email ?? "" })),
          }}
        />
      </Card>
    </div>
  );
}
