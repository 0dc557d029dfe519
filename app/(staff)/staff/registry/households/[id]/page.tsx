import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { registryViewOf, viewerFacts } from "@/app/request-cache";
import { HouseholdBillingSummary } from "@/components/billing/household-summary";
import { BandBadge } from "@/components/crm/band-badge";
import { ActiveToggle } from "@/components/registry/active-toggle";
import { HouseholdOrders } from "./household-orders";
import { InactiveBadge } from "@/components/registry/status-badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { SectionSkeleton } from "@/components/ui/page-skeleton";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { BILLING_ROLES } from "@/lib/billing/access";
import { householdBadges } from "@/lib/crm/gold/badges";
import { CRM_DASHBOARD_ROLES } from "@/lib/crm/dashboard";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatArea, formatDate } from "@/lib/i18n/format";
import { canEditCommunity, REGISTRY_VIEW_ROLES } from "@/lib/registry/access";
import { unitHistoryOfHousehold } from "@/lib/registry/holdings";
import { getHousehold } from "@/lib/registry/households";
import { addDays } from "@/lib/time/calendar";
import { localDate } from "@/lib/time/zone";
import { parseId } from "@/app/_lib/registry-guards";
import { setActiveAction } from "../../actions";

type Household = NonNullable<Awaited<ReturnType<typeof getHousehold>>>;

export default async function HouseholdPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(REGISTRY_VIEW_ROLES);
  const id = parseId((await params).id);
  const db = getDb();
  // The viewer's assignments come from the request cache (the layout loaded them for the sidebar badges).
  const [facts, view] = await Promise.all([viewerFacts(user), registryViewOf(user)]);
  // Another company's household, or one outside the viewer's scope, is simply not found.
  const household = await getHousehold(db, user.companyId, view, id);
  if (!household) notFound();
  const t = await getTranslations("registry");
  const locale = (await getLocale()) as Locale;
  const history = await unitHistoryOfHousehold(db, user.companyId, id);
  const sentiment = (await householdBadges(db, user.companyId, [id], localDate(new Date(), user.timeZone))).get(id)!;
  const sentimentBadge = <BandBadge band={sentiment.band} score={sentiment.score} gold={sentiment.gold} />;
  const canEdit =
    household.communityId != null
      ? canEditCommunity(user.roles, household.communityId, facts.managedCommunityIds)
      : user.roles.includes("admin") || user.roles.includes("front_desk");
  return (
    <div className="space-y-4">
      <nav className="text-sm text-slate-500">
        <Link href="/staff/registry/households" className="hover:underline">
          {t("householdsTitle")}
        </Link>{" "}
        / <span data-user-text>{household.name}</span>
      </nav>
      <PageHeader
        title={household.name}
        userTitle
        subtitle={`${t(`kind.${household.kind}`)} · ${t("codeLine", { code: household.code })} · ${t("since", { date: formatDate(household.createdAt, locale, user.timeZone) })}`}
        actions={
          <HouseholdActions
            id={id}
            household={household}
            sentimentBadge={sentimentBadge}
            crmLink={user.roles.some((r) => (CRM_DASHBOARD_ROLES as readonly string[]).includes(r))}
            canEdit={canEdit}
          />
        }
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <UnitsHeldCard household={household} locale={locale} />
        <UnitHistoryCard id={id} history={history} />
        <ButlerCard household={household} />
        <ContactsCard household={household} />
        <ResidentAccountsCard household={household} />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        {/* The billing figures and the orders stream in behind the rest of the page. */}
        <Suspense fallback={<SectionSkeleton />}>
          <HouseholdBillingSummary
            db={db}
            companyId={user.companyId}
            householdId={household.id}
            timeZone={user.timeZone}
            showAccountLink={user.roles.some((r) => BILLING_ROLES.includes(r))}
          />
        </Suspense>
        <Suspense fallback={<SectionSkeleton />}>
          <HouseholdOrders user={user} householdId={household.id} />
        </Suspense>
        {(["sentiment"] as const).map((k) => (
          <Card key={k} title={t(`placeholder.${k}.title`)}>
            <p className="text-sm text-slate-500">{t(`placeholder.${k}.body`)}</p>
          </Card>
        ))}
      </div>
    </div>
  );
}

async function HouseholdActions({
  id,
  household,
  sentimentBadge,
  crmLink,
  canEdit,
}: {
  id: number;
  household: Household;
  sentimentBadge: React.ReactNode;
  crmLink: boolean;
  canEdit: boolean;
}) {
  const t = await getTranslations("registry");
  return (
    <div className="flex items-center gap-3">
      {crmLink ? (
        <Link href={`/staff/crm/households/${id}`} data-testid="household-sentiment">
          {sentimentBadge}
        </Link>
      ) : (
        <span data-testid="household-sentiment">{sentimentBadge}</span>
      )}
      <InactiveBadge active={household.active} />
      {canEdit && household.active ? (
        <Link
          href={`/staff/registry/households/${id}/edit`}
          className="rounded-md px-3 py-1.5 text-sm text-brand-700 ring-1 ring-brand-100 hover:bg-brand-50"
        >
          {t("edit")}
        </Link>
      ) : null}
      {canEdit ? (
        <ActiveToggle setActiveAction={setActiveAction} entity="household" id={id} active={household.active} />
      ) : null}
    </div>
  );
}

async function UnitsHeldCard({ household, locale }: { household: Household; locale: Locale }) {
  const t = await getTranslations("registry");
  return (
    <Card title={t("unitsHeld")} className="lg:col-span-2">
      {household.units.length === 0 ? (
        <EmptyState>{t("noUnitsHeld")}</EmptyState>
      ) : (
        <Table head={[t("unit"), t("community"), t("floor"), t("area"), t("type")]}>
          {household.units.map((u) => (
            <tr key={u.id}>
              <td className="font-mono">
                <Link href={`/staff/registry/buildings/${u.buildingId}`} className="text-brand-700 hover:underline">
                  {u.buildingCode}-{u.number}
                </Link>
              </td>
              <td data-user-text>
                {u.communityName} {u.buildingName}
              </td>
              <td className="tabular-nums">{u.floor ?? "—"}</td>
              <td className="tabular-nums">{formatArea(u.areaCentiM2, locale)}</td>
              <td>{t(`unitType.${u.type}`)}</td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}

async function UnitHistoryCard({
  id,
  history,
}: {
  id: number;
  history: Awaited<ReturnType<typeof unitHistoryOfHousehold>>;
}) {
  const t = await getTranslations("registry");
  return (
    <Card title={t("unitHistory")} className="lg:col-span-2">
      {history.length === 0 ? (
        <EmptyState>{t("noUnitsHeld")}</EmptyState>
      ) : (
        <Table head={[t("unit"), t("holder"), t("heldFrom"), t("heldTo")]}>
          {history.map((p) => (
            <tr
              key={`${p.unitId}-${p.fromDate}`}
              data-testid="unit-history-row"
              className={p.householdId === id ? "font-medium" : undefined}
            >
              <td className="font-mono">{p.unitNumber}</td>
              <td>
                <Link href={`/staff/registry/households/${p.householdId}`} className="text-brand-700 hover:underline">
                  <span data-user-text>{p.householdName}</span>
                </Link>
              </td>
              <td className="tabular-nums">{p.fromDate}</td>
              <td className="tabular-nums">{p.toDate ? addDays(p.toDate, -1) : t("heldNow")}</td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}

async function ButlerCard({ household }: { household: Household }) {
  const t = await getTranslations("registry");
  return (
    <Card title={t("butler")}>
      {household.butlerName ? (
        <p className="text-sm">
          <span className="font-medium" data-user-text>
            {household.butlerName}
          </span>
          {household.butlerPhone ? (
            <span className="ml-2 tabular-nums text-slate-500">{household.butlerPhone}</span>
          ) : null}
        </p>
      ) : (
        <p className="text-sm text-amber-700">{t("unassigned")}</p>
      )}
      <p className="mt-2 text-xs text-slate-500">{t("butlerFollows")}</p>
    </Card>
  );
}

async function ContactsCard({ household }: { household: Household }) {
  const t = await getTranslations("registry");
  return (
    <Card title={t("contacts")} className="lg:col-span-2">
      {household.contacts.length === 0 ? (
        <EmptyState>{t("noContacts")}</EmptyState>
      ) : (
        <Table head={[t("contactName"), t("phone"), t("emailColumn"), ""]}>
          {household.contacts.map((c) => (
            <tr key={c.id}>
              <td data-user-text>{c.name}</td>
              <td className="tabular-nums">
                {c.phone ? (
                  <a href={`tel:${c.phone}`} className="text-brand-700 hover:underline">
                    {c.phone}
                  </a>
                ) : (
                  "—"
                )}
              </td>
              <td>{c.email ?? "—"}</td>
              <td>
                {c.isPrimary ? (
                  <span className="rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-700">{t("primary")}</span>
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}

async function ResidentAccountsCard({ household }: { household: Household }) {
  const t = await getTranslations("registry");
  return (
    <Card title={t("residentAccounts")}>
      {household.links.length === 0 ? (
        <EmptyState>{t("noResidentAccounts")}</EmptyState>
      ) : (
        <ul className="space-y-2 text-sm">
          {household.links.map((l) => (
            <li key={l.id} className="flex flex-wrap items-center justify-between gap-2">
              <span>
                <span data-user-text>{l.userName}</span>{" "}
                <span className="tabular-nums text-slate-500">{l.userPhone}</span>
              </span>
              <span className="text-xs text-slate-600">
                {t(`relation.${l.relation}`)} · {t(`linkStatus.${l.status}`)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
