import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ReadingsForm } from "@/components/billing/readings-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { BILLING_ROLES } from "@/lib/billing/access";
import { readingSheet } from "@/lib/billing/meters";
import { centiToText, fenToYuanText } from "@/lib/billing/rules";
import { companyBuildings, listFeeItems } from "@/lib/billing/queries/bills";
import { getDb } from "@/lib/db";
import { isMonth } from "@/lib/time/calendar";
import { localDate } from "@/lib/time/zone";
import { saveReadingsAction } from "../actions";

type Search = { month?: string; building?: string; item?: string };
const positive = (v: string | undefined) => (v && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined);

export async function generateMetadata() {
  return { title: (await getTranslations("billing.meters"))("title") };
}

const select = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

/** 抄表: a building's meter readings for one metered fee item and month, entered as a sheet. */
export default async function MetersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser(BILLING_ROLES);
  const sp = await searchParams;
  const t = await getTranslations("billing");
  const db = getDb();
  const month = sp.month && isMonth(sp.month) ? sp.month : localDate(new Date(), user.timeZone).slice(0, 7);
  const [items, buildingRows] = await Promise.all([
    listFeeItems(db, user.companyId),
    companyBuildings(db, user.companyId),
  ]);
  const metered = items.filter((i) => i.kind === "metered" && i.active);
  const item = metered.find((i) => i.id === positive(sp.item)) ?? metered[0];
  const building = buildingRows.find((b) => b.id === positive(sp.building)) ?? buildingRows[0];
  const sheet = item && building ? await readingSheet(db, user.companyId, building.id, item.id, month) : [];
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("meters.title")}
        subtitle={t("meters.subtitle")}
        actions={
          <div className="flex gap-3 text-sm">
            <Link href="/staff/field/meters" className="text-brand-700 hover:underline">
              {t("meters.roundLink")}
            </Link>
            <Link href="/staff/billing/meters/self" className="text-brand-700 hover:underline">
              {t("meters.selfLink")}
            </Link>
          </div>
        }
      />
      <MetersFilter month={month} item={item} metered={metered} building={building} buildingRows={buildingRows} />
      <Card
        title={
          item && building ? (
            <>
              <span data-user-text>
                {building.communityName} {building.name}
              </span>{" "}
              · <span data-user-text>{item.name}</span> · {month}
            </>
          ) : (
            t("meters.title")
          )
        }
      >
        {!item ? (
          <EmptyState>{t("meters.noItems")}</EmptyState>
        ) : sheet.length === 0 ? (
          <EmptyState>{t("common.none")}</EmptyState>
        ) : (
          <>
            <p className="mb-3 text-sm text-slate-600">{t("meters.hint", { price: fenToYuanText(item.priceFen) })}</p>
            <ReadingsForm
              saveReadingsAction={saveReadingsAction}
              key={`${item.id}-${building?.id}-${month}`}
              feeItemId={item.id}
              period={month}
              rows={sheet.map((r) => ({
                unitId: r.unitId,
                number: r.number,
                previous: r.recorded
                  ? centiToText(r.recorded.previousCenti)
                  : r.previousCenti === null
                    ? null
                    : centiToText(r.previousCenti),
                recorded: r.recorded ? centiToText(r.recorded.readingCenti) : null,
                consumption: r.recorded ? centiToText(r.recorded.readingCenti - r.recorded.previousCenti) : null,
              }))}
            />
          </>
        )}
      </Card>
    </div>
  );
}

type FeeItem = Awaited<ReturnType<typeof listFeeItems>>[number];
type BuildingRow = Awaited<ReturnType<typeof companyBuildings>>[number];

async function MetersFilter({
  month,
  item,
  metered,
  building,
  buildingRows,
}: {
  month: string;
  item: FeeItem | undefined;
  metered: FeeItem[];
  building: BuildingRow | undefined;
  buildingRows: BuildingRow[];
}) {
  const t = await getTranslations("billing");
  return (
    <Card>
      <form method="get" className="grid gap-3 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("bills.month")}</span>
          <input type="month" name="month" defaultValue={month} className={select} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("meters.item")}</span>
          <select name="item" defaultValue={item?.id ?? ""} className={select}>
            {metered.map((i) => (
              <option key={i.id} value={i.id} data-user-text>
                {i.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("meters.building")}</span>
          <select name="building" defaultValue={building?.id ?? ""} className={select}>
            {buildingRows.map((b) => (
              <option key={b.id} value={b.id} data-user-text>
                {b.communityName} {b.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="rounded-md bg-white px-4 py-2 text-sm font-medium text-brand-700 ring-1 ring-slate-200 hover:bg-brand-50"
        >
          {t("meters.show")}
        </button>
      </form>
    </Card>
  );
}
