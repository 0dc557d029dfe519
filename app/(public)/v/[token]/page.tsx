import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PassQr } from "@/components/visitors/pass-qr";
import { PassStateBadge } from "@/components/visitors/state-badge";
import { getDb } from "@/lib/db";
import { liveEnv } from "@/lib/env";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { PASS_TOKEN } from "@/lib/visitors/rules";
import { publicPass } from "@/lib/visitors/queries";

export async function generateMetadata() {
  return { title: (await getTranslations("visitors.public"))("title"), robots: { index: false, follow: false } };
}

/**
 * The link a resident sends a visitor (public: whoever holds the unguessable token). It shows the
 * QR code for the gate, the visitor's first name, the community and the window — nothing else.
 */
export default async function PublicPassPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!PASS_TOKEN.test(token)) notFound();
  const pass = await publicPass(getDb(), token);
  if (!pass) notFound();
  const t = await getTranslations("visitors.public");
  const locale = (await getLocale()) as Locale;
  const when = (d: Date) => formatDateTime(d, locale, pass.timeZone);
  const h = await headers();
  const origin = liveEnv("NEXTAUTH_URL") ?? `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host")}`;
  const usable = pass.state === "valid" || pass.state === "not_yet_valid";
  return (
    <div className="space-y-4 text-center">
      <h1 className="text-lg font-semibold">{t("title")}</h1>
      {usable ? <PassQr value={`${origin.replace(/\/$/, "")}/v/${pass.token}`} label={t("title")} /> : null}
      {usable ? <p className="text-sm text-slate-600">{t("showAtGate")}</p> : null}
      <dl className="mx-auto grid max-w-xs grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-left text-sm">
        <dt className="text-slate-500">{t("visitor")}</dt>
        <dd data-user-text data-testid="public-visitor">
          {pass.firstName}
        </dd>
        <dt className="text-slate-500">{t("community")}</dt>
        <dd data-user-text>
          {pass.companyName} · {pass.communityName}
        </dd>
        <dt className="text-slate-500">{t("window")}</dt>
        <dd>
          {when(pass.validFrom)} – {when(pass.validUntil)}
        </dd>
        <dt className="text-slate-500">{t("status")}</dt>
        <dd>
          <PassStateBadge state={pass.state} />
        </dd>
      </dl>
    </div>
  );
}
