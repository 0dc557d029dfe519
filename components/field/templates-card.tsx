import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, EmptyState } from "@/components/ui/card";

/** The company's inspection templates, each with its edit link, and the way to a new one. */
export async function TemplatesCard({
  templates,
}: {
  templates: { id: number; name: string; areaKind: string; active: boolean; items: unknown[] }[];
}) {
  const t = await getTranslations("field");
  return (
    <Card
      title={t("template.title")}
      actions={
        <Link href="/staff/field/inspections/templates/new" className="text-sm text-brand-700 hover:underline">
          {t("template.new")}
        </Link>
      }
    >
      {templates.length === 0 ? (
        <EmptyState>{t("template.none")}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="inspection-templates">
          {templates.map((x) => (
            <li key={x.id} className="flex items-center justify-between gap-2 py-2 text-sm">
              <div className="min-w-0">
                <p className="font-medium" data-user-text>
                  {x.name}
                </p>
                <p className="text-xs text-slate-600">
                  {t(`areaKind.${x.areaKind}`)} · {t("template.itemCount", { n: x.items.length })}
                  {x.active ? "" : ` · ${t("template.inactive")}`}
                </p>
              </div>
              <Link
                href={`/staff/field/inspections/templates/${x.id}`}
                className="inline-flex min-h-11 items-center text-brand-700 hover:underline"
              >
                {t("template.edit")}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
