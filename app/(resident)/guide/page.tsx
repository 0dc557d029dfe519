import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, EmptyState } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listArticles } from "@/lib/tickets/queries";

export async function generateMetadata() {
  return { title: (await getTranslations("tickets.resident"))("guide") };
}

/** The service guide and legal information (§3): the company's public knowledge-base articles. */
export default async function GuidePage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const user = await requireUser(["resident"]);
  const q = (await searchParams).q?.slice(0, 100);
  const t = await getTranslations("tickets");
  const rows = await listArticles(getDb(), user.companyId, { publicOnly: true, q });
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold">{t("resident.guide")}</h1>
        <p className="text-sm text-slate-600">{t("resident.guideSubtitle")}</p>
      </div>
      <form method="get" role="search" className="flex items-center gap-2">
        <input name="q" defaultValue={q} aria-label={t("kb.search")} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-base" />
        <button type="submit" className="shrink-0 whitespace-nowrap rounded-md bg-brand-600 px-4 py-2 text-sm text-white">
          {t("kb.search")}
        </button>
      </form>
      {rows.length === 0 ? (
        <EmptyState>{t("resident.guideEmpty")}</EmptyState>
      ) : (
        <ul className="space-y-2">
          {rows.map((a) => (
            <li key={a.id}>
              <Link href={`/guide/${a.id}`}>
                <Card>
                  <div className="text-xs text-brand-700">{t(`kbCategory.${a.category}`)}</div>
                  <div className="font-medium">{a.title}</div>
                  <p className="line-clamp-2 text-sm text-slate-600">{a.body}</p>
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
