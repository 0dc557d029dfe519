import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { METER_ROUND_ROLES } from "@/lib/billing/access";
import { roundSheet } from "@/lib/billing/meter-round";
import { centiToText } from "@/lib/billing/rules";
import { companyBuildings, listFeeItems } from "@/lib/billing/queries/bills";
import { getDb } from "@/lib/db";
import { isMonth } from "@/lib/time/calendar";
import { localDate } from "@/lib/time/zone";
import { roundReadingAction } from "./actions";

type Search = { month?: string; building?: string; item?: string; unit?: string };
type Row = Awaited<ReturnType<typeof roundSheet>>[number];
const positive = (v: string | undefined) => (v && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined);
const INPUT = "mt-1 block min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base";

export async function generateMetadata() {
  return { title: (await getTranslations("billing.meterRound"))("title") };
}

/**
 * 抄表 on the phone (issue 19 point 5): pick the metered item, month and building, then read
 * unit by unit — the next unread unit with its previous reading and usual consumption, the
 * reading and a meter photo, save → the next one. Read units show as done (resumable).
 */
export default async function MeterRoundPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser(METER_ROUND_ROLES);
  const sp = await searchParams;
  const t = await getTranslations("billing.meterRound");
  const db = getDb();
  const month = sp.month && isMonth(sp.month) ? sp.month : localDate(new Date(), user.timeZone).slice(0, 7);
  const [items, buildingRows] = await Promise.all([
    listFeeItems(db, user.companyId),
    companyBuildings(db, user.companyId),
  ]);
  const metered = items.filter((i) => i.kind === "metered" && i.active);
  const item = metered.find((i) => i.id === positive(sp.item)) ?? metered[0];
  const building = buildingRows.find((b) => b.id === positive(sp.building)) ?? buildingRows[0];
  const sheet = item && building ? await roundSheet(db, user.companyId, building.id, item.id, month) : [];
  const open = sheet.filter((r) => !r.recorded);
  const current = open.find((r) => r.unitId === positive(sp.unit)) ?? open[0];
  const base = `/staff/field/meters?item=${item?.id ?? ""}&month=${month}&building=${building?.id ?? ""}`;
  return (
    <div className="space-y-3">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <form method="get" className="grid grid-cols-2 gap-2" data-testid="meter-round-filter">
        <label className="min-w-0 text-sm">
          {t("item")}
          <select name="item" defaultValue={item?.id ?? ""} className={INPUT}>
            {metered.map((i) => (
              <option key={i.id} value={i.id} data-user-text>
                {i.name}
              </option>
            ))}
          </select>
        </label>
        <label className="min-w-0 text-sm">
          {t("month")}
          <input type="month" name="month" defaultValue={month} className={INPUT} />
        </label>
        <label className="col-span-2 min-w-0 text-sm">
          {t("building")}
          <select name="building" defaultValue={building?.id ?? ""} className={INPUT}>
            {buildingRows.map((b) => (
              <option key={b.id} value={b.id} data-user-text>
                {b.communityName} {b.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="col-span-2 min-h-11 rounded-md bg-white text-sm font-medium ring-1 ring-slate-300"
        >
          {t("start")}
        </button>
      </form>
      {!item ? <EmptyState>{t("noItems")}</EmptyState> : null}
      {item && sheet.length > 0 ? (
        <p className="text-sm font-medium" data-testid="meter-round-progress">
          {t("progress", { done: sheet.length - open.length, total: sheet.length })}
        </p>
      ) : null}
      {item && current ? (
        <CurrentUnit row={current} feeItemId={item.id} period={month} label={t} />
      ) : item && sheet.length > 0 ? (
        <EmptyState>{t("allDone")}</EmptyState>
      ) : null}
      {sheet.length > 0 ? <UnitList sheet={sheet} currentId={current?.unitId} base={base} label={t} /> : null}
    </div>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<"billing.meterRound">>>;

function CurrentUnit({ row, feeItemId, period, label: t }: { row: Row; feeItemId: number; period: string; label: T }) {
  return (
    <Card>
      <p className="text-2xl font-semibold" data-testid="meter-round-unit" data-user-text>
        {row.number}
      </p>
      <p className="mt-1 text-sm text-slate-700">
        {row.previousCenti === null ? t("noPrevious") : t("previous", { value: centiToText(row.previousCenti) })}
        {row.usualCenti === null ? "" : ` · ${t("usual", { value: centiToText(Math.round(row.usualCenti)) })}`}
      </p>
      <ActionForm action={roundReadingAction} className="mt-3 space-y-2" testId="meter-round-form" key={row.unitId}>
        <input type="hidden" name="feeItemId" value={feeItemId} />
        <input type="hidden" name="period" value={period} />
        <input type="hidden" name="unitId" value={row.unitId} />
        <label className="block text-sm">
          {t("reading")}
          <input name="reading" inputMode="decimal" autoComplete="off" required className={INPUT} />
        </label>
        <FieldError name="reading" />
        <label className="block text-sm">
          {t("photo")}
          <input
            name="photos"
            type="file"
            accept="image/*"
            capture="environment"
            required
            className="mt-1 block min-h-11 w-full text-sm"
          />
        </label>
        <FieldError name="photos" />
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" name="confirm" className="size-5" />
          {t("confirm")}
        </label>
        <button
          type="submit"
          className="min-h-11 w-full rounded-md bg-emerald-700 px-4 text-base font-medium text-white"
        >
          {t("save")}
        </button>
      </ActionForm>
    </Card>
  );
}

function UnitList({ sheet, currentId, base, label: t }: { sheet: Row[]; currentId?: number; base: string; label: T }) {
  return (
    <Card title={t("units")}>
      <ul className="grid grid-cols-3 gap-2" data-testid="meter-round-units">
        {sheet.map((r) =>
          r.recorded ? (
            <li
              key={r.unitId}
              data-state="done"
              className="flex min-h-11 flex-col items-center justify-center rounded-md bg-emerald-50 text-xs text-emerald-800"
            >
              <span className="font-medium" data-user-text>
                {r.number}
              </span>
              <span>✓ {centiToText(r.recorded.readingCenti)}</span>
            </li>
          ) : (
            <li key={r.unitId} data-state="open">
              <Link
                href={`${base}&unit=${r.unitId}`}
                aria-current={r.unitId === currentId ? "true" : undefined}
                className={`flex min-h-11 items-center justify-center rounded-md text-sm ring-1 ${r.unitId === currentId ? "bg-sky-100 ring-sky-400" : "bg-white ring-slate-300"}`}
                data-user-text
              >
                {r.number}
              </Link>
            </li>
          ),
        )}
      </ul>
    </Card>
  );
}
