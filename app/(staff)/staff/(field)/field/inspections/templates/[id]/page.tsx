import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TemplateForm } from "@/components/field/template-form";
import { Card, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { FIELD_SUPERVISOR_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { templateById } from "@/lib/field/inspection-queries";
import { saveTemplateAction } from "../../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("field.template"))("title") };
}

/** Create ("new") or edit an inspection template; another company's template is 404. */
export default async function TemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(FIELD_SUPERVISOR_ROLES);
  const { id } = await params;
  if (id !== "new" && !/^\d+$/.test(id)) notFound();
  const template = id === "new" ? null : await templateById(getDb(), user.companyId, Number(id));
  if (id !== "new" && !template) notFound();
  const t = await getTranslations("field.template");
  return (
    <div className="mx-auto max-w-3xl space-y-3">
      <PageHeader title={template ? t("editTitle") : t("new")} subtitle={t("subtitle")} />
      <Card>
        <TemplateForm template={template} action={saveTemplateAction} />
      </Card>
    </div>
  );
}
