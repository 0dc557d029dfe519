import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, EmptyState } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { KB_CATEGORIES } from "@/db/schema/tickets";
import { getDb } from "@/lib/db";
import { listArticles } from "@/lib/tickets/catalog-queries";

export async function generateMetadata() {
  return { title: (await getTranslations("tickets.resident"))("guide") };
}

/** The service guide and legal information (§3): the company's public knowledge-base articles. */
export default async function GuidePage({ searchParams }: { searchParams: Promise<{ q?: string; c?: string }> }) {
  const user = await requireUser(["resident"]);
  const sp = await searchParams;
  const q = sp.q?.slice(0, 100);
  const category = KB_CATEGORIES.find((c) => c === sp.c);
  const t = await getTranslations("tickets");
  const tp = await getTranslations("portal.guide");
  const all = await listArticles(getDb(), user.companyId, { publicOnly: true, q });
  const present = KB_CATEGORIES.filter((c) => all.some((a) => a.category === c));
  const rows = category ? all.filter((a) => a.category === category) : all;
  const hrefOf = (c?: string) => {
    const p = new URLSearchParams();
    if (q) p.set("q", q);
    if (c) p.set("c", c);
    const s = p.toString();
    return s ? `/guide?${s}` : "/guide";
  };
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold">{t("resident.guide")}</h1>
        <p className="text-sm text-slate-600">{t("resident.guideSubtitle")}</p>
      </div>
      <form method="get" role="search" className="flex items-center gap-2">
        <input
          type="search"
          name="q"
          defaultValue={q}
          aria-label={tp("search")}
          placeholder={tp("search")}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-base"
        />
        {category ? <input type="hidden" name="c" value={category} /> : null}
        <button
          type="submit"
          className="shrink-0 whitespace-nowrap rounded-md bg-brand-600 px-4 py-2 text-sm text-white"
        >
          {tp("searchButton")}
        </button>
      </form>
      <nav aria-label={t("resident.guide")} className="flex flex-wrap gap-2 text-sm">
        {[undefined, ...present].map((c) => (
          <Link
            key={c ?? "all"}
            href={hrefOf(c)}
            aria-current={c === category ? "page" : undefined}
            className={`rounded-full px-3 py-1 ring-1 ${c === category ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300"}`}
          >
            {c ? t(`kbCategory.${c}`) : tp("allCategories")}
          </Link>
        ))}
      </nav>
      <p className="text-xs text-slate-600" aria-live="polite">
        {tp("results", { count: rows.length })}
      </p>
      {rows.length === 0 ? (
        <EmptyState>{t("resident.guideEmpty")}</EmptyState>
      ) : (
        <ul className="space-y-2">
          {rows.map((a) => (
            <li key={a.id}>
              <Link href={`/guide/${a.id}`}>
                <Card>
                  <div className="text-xs text-brand-700">{t(`kbCategory.${a.category}`)}</div>
                  <div className="font-medium" data-user-text>
                    {a.title}
                  </div>
                  <p className="line-clamp-2 text-sm text-slate-600" data-user-text>
                    {a.body}
                  </p>
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
