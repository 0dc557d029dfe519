import { getTranslations } from "next-intl/server";
import { BudgetGrid, BudgetImport } from "@/components/finance/budget-grid";
import { categoryLabel } from "@/components/finance/category-label";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { communityOptions, FilterCard, FilterInput, FilterSelect } from "@/components/ui/filter-card";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { FINANCE_EDIT_ROLES } from "@/lib/finance/access";
import { BUDGET_CSV_HEADER, budgetGrid } from "@/lib/finance/budget";
import { ensureCategories, listCategories } from "@/lib/finance/categories";
import { listCommunityOptions } from "@/lib/registry/directory";
import { localParts } from "@/lib/time/zone";
import { importBudgetAction, saveBudgetGridAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("finance"))("budgetTitle") };
}

/** The annual budget grid of one community (finance, admin) and the CSV import for every community. */
export default async function BudgetPage({
  searchParams,
}: {
  searchParams: Promise<{ year?: string; community?: string }>;
}) {
  const user = await requireUser(FINANCE_EDIT_ROLES);
  const sp = await searchParams;
  const t = await getTranslations("finance");
  const db = getDb();
  const thisYear = Number(localParts(new Date(), user.timeZone).date.slice(0, 4));
  const year = /^\d{4}$/.test(sp.year ?? "") && Math.abs(Number(sp.year) - thisYear) <= 10 ? Number(sp.year) : thisYear;
  await ensureCategories(db, user.companyId);
  const [communities, categories] = await Promise.all([
    listCommunityOptions(db, user.companyId),
    listCategories(db, user.companyId),
  ]);
  const community = communities.find((c) => String(c.id) === sp.community) ?? communities[0];
  const grid = community ? await budgetGrid(db, user.companyId, community.id, year) : new Map<number, number[]>();
  const cell = (fen: number) => (fen ? (fen / 100).toFixed(2).replace(/\.00$/, "") : "");
  const template =
    [
      BUDGET_CSV_HEADER.join(","),
      ...(community
        ? categories.slice(0, 3).map((c) => [community.name, c.code, ...Array(12).fill("0")].join(","))
        : []),
    ].join("\n") + "\n";
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("budgetTitle")}
        subtitle={
          <>
            {year}
            {community ? <span data-user-text>{` · ${community.name}`}</span> : null}
          </>
        }
      />
      <BudgetFilter year={year} community={community} communities={communities} />
      <Card title={community ? <span data-user-text>{community.name}</span> : undefined}>
        <p className="mb-3 text-sm text-slate-600">{t("budget.intro")}</p>
        {community ? (
          <BudgetGrid
            saveBudgetGridAction={saveBudgetGridAction}
            key={`${community.id}-${year}`}
            communityId={community.id}
            year={year}
            rows={categories.map((c) => ({
              categoryId: c.id,
              kind: c.kind,
              label: categoryLabel(t, c.code, c.name),
              months: (grid.get(c.id) ?? Array(12).fill(0)).map(cell),
            }))}
          />
        ) : (
          <EmptyState>—</EmptyState>
        )}
      </Card>
      <Card title={t("budget.import")}>
        <BudgetImport importBudgetAction={importBudgetAction} year={year} template={template} />
      </Card>
    </div>
  );
}

async function BudgetFilter({
  year,
  community,
  communities,
}: {
  year: number;
  community: { id: number } | undefined;
  communities: Awaited<ReturnType<typeof listCommunityOptions>>;
}) {
  const t = await getTranslations("finance");
  return (
    <FilterCard submitLabel={t("show")}>
      <FilterInput label={t("year")} type="number" name="year" defaultValue={year} className="w-28" />
      <FilterSelect
        label={t("community")}
        name="community"
        defaultValue={community?.id ?? ""}
        options={communityOptions(communities)}
      />
    </FilterCard>
  );
}
