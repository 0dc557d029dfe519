import { getLocale, getTranslations } from "next-intl/server";
import { withUserText } from "@/components/ui/user-text";
import { Input } from "@/components/forms/action-fields";
import { ActionForm } from "@/components/tickets/action-form";
import { Button } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { formatDate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { PRIVACY_REQUEST_ROLES } from "@/lib/privacy/access";
import { companyRequests } from "@/lib/privacy/requests";
import { decidePrivacyRequestAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("privacy.staff"))("title") };
}

/** Residents' correction and deletion requests: open first; accept or reject with a reason. */
export default async function PrivacyRequestsPage() {
  const user = await requireUser(PRIVACY_REQUEST_ROLES);
  const locale = (await getLocale()) as Locale;
  const t = await getTranslations("privacy");
  const rows = await companyRequests(getDb(), user.companyId);
  return (
    <div className="space-y-4">
      <PageHeader title={t("staff.title")} subtitle={t("staff.intro")} />
      {rows.length === 0 ? (
        <Card>
          <EmptyState>{t("staff.none")}</EmptyState>
        </Card>
      ) : (
        rows.map((r) => (
          <Card key={r.id} className="space-y-2">
            <div data-testid="privacy-request-row" data-request-id={r.id} className="space-y-2">
              <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
                <span className="font-medium" data-user-text>
                  {r.userName} · {r.userPhone ?? "—"}
                </span>
                <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
                  {t(`requests.kind.${r.kind}`)} · {t(`requests.status.${r.status}`)}
                </span>
              </div>
              <p className="break-words text-sm text-slate-700" data-user-text>
                {r.details}
              </p>
              <p className="text-xs text-slate-500">
                {t("requests.askedOn", { date: formatDate(r.createdAt, locale, user.timeZone) })}
                {r.decidedAt
                  ? ` · ${t("staff.decidedOn", { date: formatDate(r.decidedAt, locale, user.timeZone) })}`
                  : ""}
              </p>
              {r.decisionReason ? (
                <p className="text-sm text-slate-700">
                  {withUserText((reason) => t("requests.reason", { reason }), r.decisionReason)}
                </p>
              ) : null}
              {r.status === "open" ? (
                <ActionForm action={decidePrivacyRequestAction} className="flex flex-wrap items-end gap-2">
                  <input type="hidden" name="requestId" value={r.id} />
                  <Input
                    name="reason"
                    label={t("staff.reason")}
                    id={`reason-${r.id}`}
                    className="min-w-56 flex-1"
                    maxLength={500}
                  />
                  <Button type="submit" name="decision" value="accept">
                    {t("staff.accept")}
                  </Button>
                  <Button type="submit" name="decision" value="reject" variant="secondary">
                    {t("staff.reject")}
                  </Button>
                </ActionForm>
              ) : null}
            </div>
          </Card>
        ))
      )}
    </div>
  );
}
