import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { KbForm } from "@/components/tickets/kb-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { KB_EDIT_ROLES } from "@/lib/tickets/access";
import { saveArticleAction } from "./actions";
import { listArticles } from "@/lib/tickets/catalog-queries";

export async function generateMetadata() {
  return { title: (await getTranslations("tickets.kb"))("title") };
}

export default async function KbPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const user = await requireUser(STAFF_ROLES);
  const q = (await searchParams).q?.slice(0, 100);
  const t = await getTranslations("tickets");
  const sep = (await getTranslations("common"))("listSeparator");
  const rows = await listArticles(getDb(), user.companyId, { q });
  const canEdit = user.roles.some((r) => KB_EDIT_ROLES.includes(r));
  return (
    <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
      <div className="space-y-4">
        <PageHeader title={t("kb.title")} subtitle={t("kb.subtitle")} />
        <form method="get" role="search" className="flex items-center gap-2">
          <input
            name="q"
            defaultValue={q}
            aria-label={t("kb.search")}
            className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
          <button
            type="submit"
            className="shrink-0 whitespace-nowrap rounded-md bg-brand-600 px-4 py-2 text-sm text-white"
          >
            {t("kb.search")}
          </button>
        </form>
        <Card>
          {rows.length === 0 ? (
            <EmptyState>{t("kb.empty")}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {rows.map((a) => (
                <li key={a.id} className="py-2">
                  <Link href={`/staff/kb/${a.id}`} className="font-medium text-brand-700 hover:underline">
                    <span data-user-text>{a.title}</span>
                  </Link>
                  <span className="ml-2 text-xs text-slate-500">{t(`kbCategory.${a.category}`)}</span>
                  {a.public ? (
                    <span className="ml-2 rounded bg-emerald-50 px-1.5 text-xs text-emerald-700">
                      {t("kb.publicBadge")}
                    </span>
                  ) : null}
                  <div className="text-xs text-slate-500">
                    {a.workOrderTypes.map((ty) => t(`type.${ty as "repair"}`)).join(sep)}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      {canEdit ? (
        <Card title={t("kb.new")}>
          <KbForm saveArticleAction={saveArticleAction} />
        </Card>
      ) : null}
    </div>
  );
}
