import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/tickets/action-form";
import { buttonClass } from "@/components/tickets/order-bits";
import { Card, PageHeader } from "@/components/ui/card";
import { SEVERITIES } from "@/db/schema/tickets";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { listCommunityOptions } from "@/lib/registry/directory";
import { EMERGENCY_ROLES } from "@/lib/tickets/access";
import { emergencyAction } from "../orders/actions";
import Link from "next/link";
import { Input, Select, TextArea } from "@/components/forms/action-fields";

export async function generateMetadata() {
  return { title: (await getTranslations("tickets.emergency"))("title") };
}

/** Quick report; the incident timeline and closing report live on the order page. */
export default async function EmergenciesPage() {
  const user = await requireUser(EMERGENCY_ROLES);
  const t = await getTranslations("tickets");
  const communityRows = await listCommunityOptions(getDb(), user.companyId, "all");
  return (
    <div className="max-w-2xl space-y-4">
      <PageHeader title={t("emergency.title")} subtitle={t("emergency.subtitle")} />
      <Card title={t("emergency.report")}>
        <ActionForm
          action={emergencyAction}
          redirectTo="/staff/orders/{id}"
          className="space-y-3"
          testId="emergency-form"
        >
          <Select
            id="em-community"
            name="communityId"
            label={t("common.community")}
            options={communityRows.map((c) => ({ value: c.id, label: c.name }))}
          />
          <Input id="em-location" name="location" label={t("common.location")} maxLength={200} />
          <Select
            id="em-severity"
            name="severity"
            label={t("common.severity")}
            defaultValue="critical"
            options={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
          />
          <TextArea id="em-description" name="description" label={t("emergency.what")} rows={3} />
          <button type="submit" className={`${buttonClass} bg-red-600 hover:bg-red-700`}>
            {t("emergency.submit")}
          </button>
        </ActionForm>
      </Card>
      <p className="text-sm">
        <Link href="/staff/orders?tab=scope&type=emergency&status=all" className="text-brand-700 hover:underline">
          {t("emergency.list")} →
        </Link>
      </p>
    </div>
  );
}
