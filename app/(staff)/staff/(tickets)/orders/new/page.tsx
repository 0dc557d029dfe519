import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import { buttonClass, labelClass } from "@/components/tickets/order-bits";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { REPAIR_CATEGORIES, SEVERITIES, WORK_ORDER_TYPES } from "@/db/schema/tickets";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { getHousehold, searchHouseholds } from "@/lib/registry/households";
import { loadRegistryView } from "@/lib/registry/view";
import { INTAKE_ROLES } from "@/lib/tickets/access";
import { intakeAction } from "../actions";
import { Input, Select, TextArea } from "@/components/forms/action-fields";

export async function generateMetadata() {
  return { title: (await getTranslations("tickets.staff"))("intakeTitle") };
}

type Found = Awaited<ReturnType<typeof searchHouseholds>>;
type Chosen = NonNullable<Awaited<ReturnType<typeof getHousehold>>>;

/** Front-desk intake: find the household (name, phone, 3-2-1201, code), then record the request. */
export default async function IntakePage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; household?: string }>;
}) {
  const user = await requireUser(INTAKE_ROLES);
  const sp = await searchParams;
  const t = await getTranslations("tickets");
  const db = getDb();
  const view = await loadRegistryView(db, user.companyId, { userId: user.id, roles: user.roles });
  const householdId = sp.household && /^\d+$/.test(sp.household) ? Number(sp.household) : undefined;
  const chosen = householdId ? await getHousehold(db, user.companyId, view, householdId) : null;
  const q = sp.q?.slice(0, 100);
  const found = q && !chosen ? await searchHouseholds(db, user.companyId, view, { q }) : null;
  const channels =
    user.roles.includes("front_desk") || user.roles.includes("admin")
      ? (["phone", "walk_in", "staff"] as const)
      : (["staff", "phone", "walk_in"] as const);
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader title={t("staff.intakeTitle")} subtitle={t("staff.intakeSubtitle")} />
      <Card>
        <form method="get" role="search" className="flex flex-wrap items-end gap-2">
          <Input id="q" name="q" label={t("staff.findHousehold")} defaultValue={q} className="min-w-64 flex-1" />
          <button type="submit" className={buttonClass}>
            {t("staff.search")}
          </button>
        </form>
        {found ? <FoundHouseholds found={found} /> : null}
      </Card>
      {chosen ? <IntakeForm chosen={chosen} channels={channels} /> : null}
    </div>
  );
}

async function FoundHouseholds({ found }: { found: Found }) {
  const t = await getTranslations("tickets");
  return found.rows.length === 0 ? (
    <div className="mt-3">
      <EmptyState>{t("staff.empty")}</EmptyState>
    </div>
  ) : (
    <ul className="mt-3 divide-y divide-slate-100 text-sm">
      {found.rows.slice(0, 20).map((h) => (
        <li key={h.id} className="flex items-center justify-between gap-2 py-2">
          <span>
            {h.name}{" "}
            <span className="font-mono text-xs">{h.buildingCode ? `${h.buildingCode}-${h.unitNumber}` : ""}</span>{" "}
            <span className="text-xs text-slate-500">{h.communityName}</span>
          </span>
          <Link href={`/staff/orders/new?household=${h.id}`} className="text-brand-700 hover:underline">
            {t("staff.choose")}
          </Link>
        </li>
      ))}
    </ul>
  );
}

async function IntakeForm({
  chosen,
  channels,
}: {
  chosen: Chosen;
  channels: readonly ("phone" | "walk_in" | "staff")[];
}) {
  const t = await getTranslations("tickets");
  return (
    <Card title={`${t("common.household")}: ${chosen.name}`}>
      <ActionForm
        action={intakeAction}
        redirectTo="/staff/orders/{id}"
        className="grid gap-3 sm:grid-cols-2"
        testId="intake-form"
      >
        <input type="hidden" name="householdId" value={chosen.id} />
        <Select
          id="type"
          name="type"
          label={t("common.type")}
          defaultValue="repair"
          options={WORK_ORDER_TYPES.filter((ty) => ty !== "maintenance" && ty !== "emergency").map((ty) => ({
            value: ty,
            label: t(`type.${ty}`),
          }))}
        />
        <Select
          id="channel"
          name="channel"
          label={t("staff.channel")}
          options={channels.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        />
        <IntakeDetails />
        <div className="sm:col-span-2">
          <button type="submit" className={buttonClass}>
            {t("staff.intakeSubmit")}
          </button>
        </div>
      </ActionForm>
    </Card>
  );
}

async function IntakeDetails() {
  const t = await getTranslations("tickets");
  return (
    <>
      <Select
        id="repairCategory"
        name="repairCategory"
        label={t("common.category")}
        defaultValue=""
        options={[
          { value: "", label: t("common.none") },
          ...REPAIR_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) })),
        ]}
      />
      <Select
        id="severity"
        name="severity"
        label={t("common.severity")}
        defaultValue="normal"
        options={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
      />
      <TextArea
        id="description"
        name="description"
        label={t("common.description")}
        rows={3}
        maxLength={2000}
        className="sm:col-span-2"
      />
      <div className="sm:col-span-2">
        <label htmlFor="photos" className={labelClass}>
          {t("common.photos")}
        </label>
        <input
          id="photos"
          name="photos"
          type="file"
          multiple
          accept="image/jpeg,image/png,image/webp,image/gif"
          className="block w-full text-sm"
        />
        <p className="mt-1 text-xs text-slate-500">{t("common.photosHint")}</p>
        <FieldError name="photos" />
      </div>
    </>
  );
}
