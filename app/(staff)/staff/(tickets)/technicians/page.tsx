import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/tickets/action-form";
import { secondaryButtonClass } from "@/components/tickets/order-bits";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { REPAIR_CATEGORIES } from "@/db/schema/tickets";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { listTechnicians } from "@/lib/tickets/catalog-queries";
import { setSkillsAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("tickets.skills"))("title") };
}

export default async function TechniciansPage() {
  const user = await requireUser(["admin", "project_manager"]);
  const t = await getTranslations("tickets");
  const techs = await listTechnicians(getDb(), user.companyId);
  return (
    <div className="max-w-4xl space-y-4">
      <PageHeader title={t("skills.title")} subtitle={t("skills.subtitle")} />
      {techs.length === 0 ? (
        <EmptyState>{t("skills.none")}</EmptyState>
      ) : (
        techs.map((tech) => (
          <Card key={tech.id} title={tech.name}>
            <ActionForm
              action={setSkillsAction}
              className="flex flex-wrap items-center gap-3"
              testId={`skills-${tech.id}`}
            >
              <input type="hidden" name="userId" value={tech.id} />
              {REPAIR_CATEGORIES.map((c) => (
                <label key={c} className="flex items-center gap-1 text-sm">
                  <input
                    type="checkbox"
                    name="categories"
                    value={c}
                    defaultChecked={tech.skills.includes(c)}
                    className="accent-brand-600"
                  />
                  {t(`category.${c}`)}
                </label>
              ))}
              <button type="submit" className={secondaryButtonClass}>
                {t("skills.save")}
              </button>
            </ActionForm>
          </Card>
        ))
      )}
    </div>
  );
}
