import { randomUUID } from "node:crypto";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { InspectForm } from "@/components/field/inspect-form";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { FIELD_SUPERVISOR_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { inspectOptions } from "@/lib/field/inspection-queries";
import { inspectAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("field.inspections"))("new") };
}

/** The phone page of an inspection (issue 19 point 3); each view gets a fresh request id for an idempotent submit. */
export default async function NewInspectionPage() {
  const user = await requireUser(FIELD_SUPERVISOR_ROLES);
  const t = await getTranslations("field");
  const options = await inspectOptions(getDb(), user.companyId);
  const ready = options.templates.length > 0 && options.communities.length > 0;
  return (
    <div className="mx-auto max-w-xl space-y-3">
      <PageHeader title={t("inspections.new")} subtitle={t("inspections.newSubtitle")} />
      {ready ? (
        <InspectForm
          requestId={randomUUID()}
          communities={options.communities}
          areas={options.areas}
          templates={options.templates}
          action={inspectAction}
        />
      ) : (
        <EmptyState>
          {t("inspections.noTemplates")}{" "}
          <Link href="/staff/field/inspections/templates/new" className="text-brand-700 underline">
            {t("template.new")}
          </Link>
        </EmptyState>
      )}
    </div>
  );
}
