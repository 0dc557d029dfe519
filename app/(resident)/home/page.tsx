import { Plus } from "lucide-react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { GoldCard } from "@/components/crm/gold-card";
import { PortalTiles } from "@/components/portal/tiles";
import { HouseholdCard } from "@/components/residents/household-card";
import { RequestCard } from "@/components/residents/request-card";
import { Card, EmptyState } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";

import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";
import { residentDashboard } from "@/lib/portal/home";
import { residentNotices } from "@/lib/portal/notices";
import { localDate } from "@/lib/time/zone";
import { removeLinkAction } from "./actions";
import { residentHome } from "@/lib/residents/home";

export async function generateMetadata() {
  return { title: (await getTranslations("roleHome"))("resident") };
}

type Dashboard = Awaited<ReturnType<typeof residentDashboard>>;
type Home = Awaited<ReturnType<typeof residentHome>>;

export default async function ResidentHome() {
  const user = await requireUser(["resident"]);
  const t = await getTranslations();
  const locale = (await getLocale()) as Locale;
  const db = getDb();
  const now = new Date();
  const { households, requests } = await residentHome(db, user.companyId, user.id);
  const [dash, latest] = await Promise.all([
    residentDashboard(
      db,
      user.companyId,
      user.id,
      households.map((h) => h.householdId),
      now,
      localDate(now, user.timeZone),
    ),
    residentNotices(db, user.companyId, user.id, now, 3),
  ]);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold">{t("roleHome.resident")}</h1>
        <p className="text-sm text-slate-600" data-user-text>
          {t("resident.greeting", { name: user.name })}
        </p>
      </div>
      {dash.gold.map((g) => (
        <GoldCard key={g.householdId} householdName={g.name} expiresOn={g.expiresOn} discountPercent={g.percent} />
      ))}
      {households.length > 0 ? <DueCard dash={dash} locale={locale} /> : null}
      {latest.length ? <LatestNotices latest={latest} /> : null}
      <section aria-labelledby="quick-links">
        <h2 id="quick-links" className="mb-2 text-sm font-semibold text-slate-700">
          {t("portal.home.quickLinks")}
        </h2>
        <PortalTiles />
      </section>
      {requests.length > 0 ? (
        <Card title={t("residents.home.requestsTitle")}>
          <ul className="space-y-3">
            {requests.map((r) => (
              <RequestCard key={r.linkId} request={r} timeZone={user.timeZone} />
            ))}
          </ul>
        </Card>
      ) : null}
      <HouseholdsCard households={households} requests={requests} />
    </div>
  );
}

async function DueCard({ dash, locale }: { dash: Dashboard; locale: Locale }) {
  const t = await getTranslations();
  return (
    <Card>
      <div className="flex items-end justify-between gap-2">
        <div>
          <h2 className="text-xs text-slate-600">{t("portal.home.due")}</h2>
          <div className="text-2xl font-semibold tabular-nums" data-testid="home-due">
            {formatFen(dash.dueFen, locale)}
          </div>
          {dash.dueFen === 0 ? <p className="text-xs text-slate-600">{t("portal.home.nothingDue")}</p> : null}
        </div>
        {dash.dueFen > 0 ? (
          <Link href="/bills" className="shrink-0 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">
            {t("portal.home.pay")}
          </Link>
        ) : null}
      </div>
      <div className="mt-3 grid grid-cols-2 gap-2 text-sm">
        <Link href="/requests" className="rounded-md bg-slate-50 p-2 ring-1 ring-slate-200">
          <span className="block text-xs text-slate-600">{t("portal.home.openRequests")}</span>
          <span className="text-lg font-semibold tabular-nums">{dash.openRequests}</span>
        </Link>
        <Link
          href="/community/notices"
          className="rounded-md bg-slate-50 p-2 ring-1 ring-slate-200"
          data-testid="home-unread-notices"
        >
          <span className="block text-xs text-slate-600">{t("portal.home.allNotices")}</span>
          <span className="text-sm font-semibold">{t("portal.home.unreadNotices", { count: dash.unreadNotices })}</span>
        </Link>
      </div>
    </Card>
  );
}

async function LatestNotices({ latest }: { latest: Awaited<ReturnType<typeof residentNotices>> }) {
  const t = await getTranslations();
  return (
    <Card
      title={t("portal.notices.title")}
      actions={
        <Link href="/community/notices" className="text-sm font-medium text-brand-700 hover:underline">
          {t("portal.home.allNotices")}
        </Link>
      }
    >
      <ul className="space-y-2 text-sm" data-testid="home-notices">
        {latest.map((n) => (
          <li key={n.id}>
            <Link
              href={`/community/notices/${n.id}`}
              className={`flex items-center gap-2 hover:underline ${n.readAt ? "text-slate-700" : "font-semibold text-slate-900"}`}
            >
              {n.readAt ? null : <span aria-hidden className="h-2 w-2 shrink-0 rounded-full bg-brand-600" />}
              {n.pinned ? (
                <span className="shrink-0 rounded bg-amber-100 px-1 text-xs text-amber-900">
                  {t("portal.notices.pinned")}
                </span>
              ) : null}
              <span className="truncate" data-user-text>
                {n.title}
              </span>
              {n.readAt ? null : <span className="sr-only">{t("portal.notices.unread")}</span>}
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}

async function HouseholdsCard({ households, requests }: Home) {
  const t = await getTranslations();
  return (
    <Card
      title={t("resident.myHouseholds")}
      actions={
        <Link
          href="/me#add-household"
          className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline"
        >
          <Plus aria-hidden className="h-4 w-4" />
          {t("residents.home.addHousehold")}
        </Link>
      }
    >
      {households.length === 0 ? (
        <EmptyState>
          {requests.some((r) => r.status === "pending")
            ? t("residents.home.noneApprovedYet")
            : t("resident.noHouseholds")}
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {households.map((h) => (
            <HouseholdCard removeLinkAction={removeLinkAction} key={h.linkId} household={h} />
          ))}
        </ul>
      )}
    </Card>
  );
}
