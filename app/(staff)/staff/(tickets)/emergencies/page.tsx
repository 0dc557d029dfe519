import { getTranslations } from "next-intl/server";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import { buttonClass, inputClass, labelClass } from "@/components/tickets/order-bits";
import { Card, PageHeader } from "@/components/ui/card";
import { SEVERITIES } from "@/db/schema/tickets";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { listCommunities } from "@/lib/registry/directory";
import { EMERGENCY_ROLES } from "@/lib/tickets/access";
import { emergencyAction } from "../orders/actions";
import Link from "next/link";

export async function generateMetadata() {
  return { title: (await getTranslations("tickets.emergency"))("title") };
}

/** Quick report; the incident timeline and closing report live on the order page. */
export default async function EmergenciesPage() {
  const user = await requireUser(EMERGENCY_ROLES);
  const t = await getTranslations("tickets");
  const communityRows = await listCommunities(getDb(), user.companyId, "all");
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
          <div>
            <label htmlFor="em-community" className={labelClass}>
              {t("common.community")}
            </label>
            <select id="em-community" name="communityId" className={inputClass}>
              {communityRows.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="em-location" className={labelClass}>
              {t("common.location")}
            </label>
            <input id="em-location" name="location" maxLength={200} className={inputClass} />
            <FieldError name="location" />
          </div>
          <div>
            <label htmlFor="em-severity" className={labelClass}>
              {t("common.severity")}
            </label>
            <select id="em-severity" name="severity" defaultValue="critical" className={inputClass}>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {t(`severity.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="em-description" className={labelClass}>
              {t("emergency.what")}
            </label>
            <textarea id="em-description" name="description" rows={3} className={inputClass} />
            <FieldError name="description" />
          </div>
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
