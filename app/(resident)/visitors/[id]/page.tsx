import Link from "next/link";
import { withUserText } from "@/components/ui/user-text";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/tickets/action-form";
import { CopyLink } from "@/components/visitors/copy-link";
import { PassQr } from "@/components/visitors/pass-qr";
import { PassStateBadge } from "@/components/visitors/state-badge";
import { Card, EmptyState } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { liveEnv } from "@/lib/env";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { canRevoke } from "@/lib/visitors/rules";
import { residentPass } from "@/lib/visitors/queries";
import { revokePassAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("visitors.detail"))("title") };
}

/** One pass of the resident's household: the link and QR code to share, its entries, revoke. */
export default async function VisitorPassPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(["resident"]);
  const { id } = await params;
  if (!/^\d{1,12}$/.test(id)) notFound();
  const pass = await residentPass(getDb(), user.companyId, user.id, Number(id));
  if (!pass) notFound();
  const t = await getTranslations("visitors");
  const locale = (await getLocale()) as Locale;
  const when = (d: Date) => formatDateTime(d, locale, user.timeZone);
  const h = await headers();
  const origin = liveEnv("NEXTAUTH_URL") ?? `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host")}`;
  const url = `${origin.replace(/\/$/, "")}/v/${pass.token}`;
  const live = canRevoke(pass, new Date());
  return (
    <div className="space-y-4">
      <Link href="/visitors" className="text-sm text-brand-700">
        ← {t("detail.back")}
      </Link>
      <div className="flex items-start justify-between gap-3">
        <div>
          <h1 className="text-lg font-semibold" data-user-text>
            {pass.visitorName ?? t("purged")}
          </h1>
          <p className="text-sm text-slate-600" data-user-text>
            {pass.plate ? `${pass.plate} · ` : ""}
            {pass.communityName}
          </p>
          <p className="text-xs text-slate-500">
            {t("window", { from: when(pass.validFrom), until: when(pass.validUntil) })}
          </p>
        </div>
        <PassStateBadge state={pass.state} />
      </div>
      {live ? (
        <Card title={t("detail.share")}>
          <p className="mb-3 text-sm text-slate-600">{t("detail.shareHint")}</p>
          <PassQr value={url} label={t("public.title")} />
          <div className="mt-3">
            <CopyLink url={url} />
          </div>
        </Card>
      ) : null}
      <Card title={t("detail.entriesTitle")}>
        <p className="mb-2 text-xs text-slate-500">{t("entries", { used: pass.entriesUsed, max: pass.maxEntries })}</p>
        {pass.entries.length === 0 ? (
          <EmptyState>{t("detail.noEntries")}</EmptyState>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="pass-entries">
            {pass.entries.map((e) => (
              <li key={e.seq}>
                {withUserText(
                  (name) => t("detail.entry", { seq: e.seq, time: when(e.admittedAt), name }),
                  e.admittedBy,
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {live ? (
        <ActionForm action={revokePassAction} testId="revoke-form">
          <input type="hidden" name="passId" value={pass.id} />
          <button
            type="submit"
            className="w-full rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-700"
          >
            {t("detail.revoke")}
          </button>
        </ActionForm>
      ) : null}
    </div>
  );
}
