import { getTranslations } from "next-intl/server";
import { RulesEditor } from "@/components/crm/rules-editor";
import { Select } from "@/components/forms/action-fields";
import { ActionForm } from "@/components/tickets/action-form";
import { Card, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { crmRuleSets } from "@/db/schema";
import { publishedRules } from "@/lib/crm/ledger/read";
import { currentDraft } from "@/lib/crm/rulesets/commands";
import { legalConfirmationOn } from "@/lib/crm/notices/delivery";
import { getDb } from "@/lib/db";
import {
  discardDraftAction,
  legalConfirmationAction,
  publishDraftAction,
  saveDraftAction,
  whatIfStartAction,
  whatIfStatusAction,
} from "../actions";
import { and, eq } from "drizzle-orm";

export async function generateMetadata() {
  return { title: (await getTranslations("crm.rules"))("title") };
}

/** CRM-EW rules as data: admin only (others get 403). A draft's what-if runs in the background after the page is shown. */
export default async function CrmRulesPage() {
  const user = await requireUser(["admin"]);
  const t = await getTranslations("crm.rules");
  const db = getDb();
  const [published, draft, publishedRow] = await Promise.all([
    publishedRules(db, user.companyId),
    currentDraft(db, user.companyId),
    db
      .select({ id: crmRuleSets.id })
      .from(crmRuleSets)
      .where(and(eq(crmRuleSets.companyId, user.companyId), eq(crmRuleSets.status, "published")))
      .limit(1),
  ]);
  const [confirmation, ts] = await Promise.all([
    legalConfirmationOn(db, user.companyId),
    getTranslations("arrears.settings"),
  ]);
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <p className="text-sm text-slate-600" data-testid="rules-state">
        {draft ? t("state.draft") : publishedRow.length ? t("state.published") : t("state.defaults")}
      </p>
      <RulesEditor
        discardDraftAction={discardDraftAction}
        publishDraftAction={publishDraftAction}
        saveDraftAction={saveDraftAction}
        whatIfStartAction={whatIfStartAction}
        whatIfStatusAction={whatIfStatusAction}
        initial={draft?.rules ?? published}
        published={published}
        hasDraft={!!draft}
      />
      <Card title={ts("title")}>
        <ActionForm
          action={legalConfirmationAction}
          className="flex flex-wrap items-end gap-3"
          testId="legal-confirmation-form"
        >
          <Select
            name="legalConfirmation"
            label={ts("legalConfirmation")}
            defaultValue={confirmation ? "on" : "off"}
            options={[
              { value: "on", label: ts("on") },
              { value: "off", label: ts("off") },
            ]}
          />
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">
            {ts("save")}
          </button>
        </ActionForm>
      </Card>
    </div>
  );
}
