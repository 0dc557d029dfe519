import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { KbForm } from "@/components/tickets/kb-form";
import { Card } from "@/components/ui/card";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { parseId } from "@/app/_lib/registry-guards";
import { KB_EDIT_ROLES } from "@/lib/tickets/access";
import { saveArticleAction } from "../actions";
import { getArticle } from "@/lib/tickets/catalog-queries";

export default async function KbArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(STAFF_ROLES);
  const a = await getArticle(getDb(), user.companyId, parseId((await params).id));
  if (!a) notFound();
  const t = await getTranslations("tickets");
  return (
    <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
      <Card>
        <Link href="/staff/kb" className="text-sm text-brand-700">
          ← {t("kb.title")}
        </Link>
        <div className="mt-2 text-xs text-brand-700">
          {t(`kbCategory.${a.category}`)}
          {a.public ? ` · ${t("kb.publicBadge")}` : ""}
        </div>
        <h1 className="text-xl font-semibold" data-user-text>
          {a.title}
        </h1>
        <div className="mt-3 whitespace-pre-wrap text-sm leading-6">{a.body}</div>
      </Card>
      {user.roles.some((r) => KB_EDIT_ROLES.includes(r)) ? (
        <Card title={t("kb.edit")}>
          <KbForm saveArticleAction={saveArticleAction} article={a} />
        </Card>
      ) : null}
    </div>
  );
}
