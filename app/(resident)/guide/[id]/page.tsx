import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { parseId } from "@/app/_lib/registry-guards";
import { getArticle } from "@/lib/tickets/catalog-queries";

export default async function GuideArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(["resident"]);
  const a = await getArticle(getDb(), user.companyId, parseId((await params).id), true);
  if (!a) notFound();
  const t = await getTranslations("tickets");
  return (
    <div className="space-y-4">
      <Link href="/guide" className="text-sm text-brand-700">
        ← {t("resident.guide")}
      </Link>
      <Card>
        <div className="text-xs text-brand-700">{t(`kbCategory.${a.category}`)}</div>
        <h1 className="text-lg font-semibold" data-user-text>
          {a.title}
        </h1>
        <div className="mt-3 whitespace-pre-wrap text-sm leading-6 text-slate-800">{a.body}</div>
      </Card>
    </div>
  );
}
