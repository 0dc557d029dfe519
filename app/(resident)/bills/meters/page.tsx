import { getTranslations } from "next-intl/server";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import { Card, EmptyState } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { listFeeItems } from "@/lib/billing/queries/bills";
import { centiToText } from "@/lib/billing/rules";
import { selfReadState } from "@/lib/billing/self-read-window";
import { residentReadings, residentUnits, selfReadWindow } from "@/lib/billing/self-readings";
import { getDb } from "@/lib/db";
import { localDate } from "@/lib/time/zone";
import { selfReadingAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("billing.selfRead"))("title") };
}

const INPUT = "mt-1 block min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base";

/**
 * 自助抄表 (issue 19 point 5): inside the company's window a resident reads the meters of their
 * own units (a reading and a photo per metered item); readings stay pending until staff approve.
 * Outside the window the page says when it opens.
 */
export default async function SelfReadingPage() {
  const user = await requireUser(["resident"]);
  const t = await getTranslations("billing.selfRead");
  const db = getDb();
  const today = localDate(new Date(), user.timeZone);
  const period = today.slice(0, 7);
  const [mine, items, window] = await Promise.all([
    residentUnits(db, user.companyId, user.id),
    listFeeItems(db, user.companyId),
    selfReadWindow(db, user.companyId),
  ]);
  const metered = items.filter((i) => i.kind === "metered" && i.active);
  const units = mine.filter((u) => u.type !== "parking");
  const readings = await residentReadings(
    db,
    user.companyId,
    units.map((u) => u.id),
    period,
  );
  const state = selfReadState(window, today);
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-700" data-testid="self-read-window">
        {state.open
          ? t("openUntil", { date: state.closes })
          : state.opens
            ? t("closed", { from: window!.fromDay, to: window!.toDay, date: state.opens })
            : t("off")}
      </p>
      {units.length === 0 || metered.length === 0 ? <EmptyState>{t("nothing")}</EmptyState> : null}
      {units.flatMap((u) =>
        metered.map((item) => {
          const last = readings.find((r) => r.unitId === u.id && r.feeItemId === item.id);
          return (
            <Card
              key={`${u.id}-${item.id}`}
              title={
                <>
                  <span data-user-text>{u.label}</span> · <span data-user-text>{item.name}</span>
                </>
              }
            >
              {last ? (
                <p className="text-sm" data-testid={`self-read-status-${u.id}-${item.id}`} data-status={last.status}>
                  {t(`status.${last.status}`, { value: centiToText(last.readingCenti) })}
                  {last.status === "rejected" && last.rejectReason ? (
                    <>
                      {" · "}
                      <span data-user-text>{last.rejectReason}</span>
                    </>
                  ) : null}
                </p>
              ) : null}
              {state.open && (!last || last.status === "rejected") ? (
                <SelfReadForm unitId={u.id} feeItemId={item.id} label={t} />
              ) : null}
            </Card>
          );
        }),
      )}
    </div>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<"billing.selfRead">>>;

function SelfReadForm({ unitId, feeItemId, label: t }: { unitId: number; feeItemId: number; label: T }) {
  return (
    <ActionForm action={selfReadingAction} className="mt-2 space-y-2" testId={`self-read-form-${unitId}-${feeItemId}`}>
      <input type="hidden" name="feeItemId" value={feeItemId} />
      <input type="hidden" name="unitId" value={unitId} />
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
      <button type="submit" className="min-h-11 w-full rounded-md bg-brand-600 px-4 text-base font-medium text-white">
        {t("submit")}
      </button>
    </ActionForm>
  );
}
