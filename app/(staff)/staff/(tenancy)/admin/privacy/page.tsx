import { getLocale, getTranslations } from "next-intl/server";
import { Input } from "@/components/forms/action-fields";
import { ActionForm } from "@/components/tickets/action-form";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { formatDate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { privacySettings } from "@/lib/privacy/settings";
import { cancelClosureAction, closeCompanyAction, savePrivacySettingsAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("privacy.exit"))("title") };
}

/** Tenant exit (PIPL art. 21): export everything, retention settings, close the company (with a grace period). */
export default async function CompanyDataPage() {
  const user = await requireUser(["admin"]);
  const locale = (await getLocale()) as Locale;
  const t = await getTranslations("privacy.exit");
  const s = await privacySettings(getDb(), user.companyId);
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} />
      <Card title={t("exportTitle")}>
        <p className="mb-3 text-sm text-slate-600">{t("exportHelp")}</p>
        <a
          href="/staff/admin/privacy/export"
          download
          className="inline-flex rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          {t("export")}
        </a>
      </Card>
      <Card title={t("settingsTitle")}>
        <ActionForm action={savePrivacySettingsAction} className="grid gap-3 sm:grid-cols-2" testId="privacy-settings">
          <div>
            <Input
              name="moneyRetentionYears"
              label={t("retentionYears")}
              type="number"
              inputMode="numeric"
              defaultValue={s.moneyRetentionYears}
            />
            <p className="mt-1 text-xs text-slate-500">{t("retentionHint")}</p>
          </div>
          <Input
            name="closureGraceDays"
            label={t("graceDays")}
            type="number"
            inputMode="numeric"
            defaultValue={s.closureGraceDays}
          />
          <div className="sm:col-span-2">
            <Button type="submit">{t("save")}</Button>
          </div>
        </ActionForm>
      </Card>
      <Card title={t("closeTitle")}>
        {s.purgeAfter ? (
          <div className="space-y-3">
            <p role="status" className="rounded-md bg-red-50 p-3 text-sm text-red-800" data-testid="closure-status">
              {t("closing", { date: formatDate(s.purgeAfter, locale, user.timeZone) })}
            </p>
            <ActionForm action={cancelClosureAction}>
              <Button type="submit" variant="secondary">
                {t("cancel")}
              </Button>
            </ActionForm>
          </div>
        ) : (
          <ActionForm action={closeCompanyAction} className="space-y-3">
            <p className="text-sm text-slate-600">{t("closeHelp", { days: s.closureGraceDays })}</p>
            <Input name="confirmName" label={t("confirmName")} />
            <Button type="submit" variant="danger">
              {t("close")}
            </Button>
          </ActionForm>
        )}
      </Card>
    </div>
  );
}
