import { getTranslations } from "next-intl/server";
import { BudgetGrid, BudgetImport } from "@/components/finance/budget-grid";
import { categoryLabel } from "@/components/finance/category-label";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { FINANCE_EDIT_ROLES } from "@/lib/finance/access";
import { BUDGET_CSV_HEADER, budgetGrid } from "@/lib/finance/budget";
import { ensureCategories, listCategories } from "@/lib/finance/categories";
import { listCommunityOptions } from "@/lib/hr/queries";
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
      <PageHeader title={t("budgetTitle")} subtitle={`${year}${community ? ` · ${community.name}` : ""}`} />
      <BudgetFilter year={year} community={community} communities={communities} />
      <Card title={community?.name}>
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
    <Card>
      <form method="get" className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("year")}</span>
          <input
            type="number"
            name="year"
            defaultValue={year}
            className="w-28 rounded-md border border-slate-300 px-3 py-2"
          />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("community")}</span>
          <select
            name="community"
            defaultValue={community?.id ?? ""}
            className="rounded-md border border-slate-300 bg-white px-3 py-2"
          >
            {communities.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          {t("show")}
        </button>
      </form>
    </Card>
  );
}
