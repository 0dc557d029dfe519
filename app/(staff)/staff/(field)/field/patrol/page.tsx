import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FieldStatus, hhmm } from "@/components/field/bits";
import { HandoverCard } from "@/components/field/handover";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { PATROL_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { guardCommunities, handoverNotes, myRounds } from "@/lib/field/queries";
import { localDate } from "@/lib/time/zone";
import { handoverAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("field.patrol"))("title") };
}

/** The guard's phone page (issue 19): today's own rounds with their progress, and the shift handover notes. */
export default async function PatrolPage() {
  const user = await requireUser(PATROL_ROLES);
  const t = await getTranslations("field");
  const db = getDb();
  const date = localDate(new Date(), user.timeZone);
  const [rounds, places] = await Promise.all([
    myRounds(db, user.companyId, user.id, date),
    guardCommunities(db, user.companyId, user.id),
  ]);
  const notes = await handoverNotes(
    db,
    user.companyId,
    places.map((p) => p.id),
  );
  return (
    <div className="space-y-3">
      <PageHeader title={t("patrol.title")} subtitle={t("patrol.subtitle", { date, total: rounds.length })} />
      {rounds.length === 0 ? <EmptyState>{t("patrol.none")}</EmptyState> : null}
      <ul className="space-y-3" data-testid="patrol-rounds">
        {rounds.map((r) => (
          <li key={r.id} data-testid={`patrol-round-${r.id}`}>
            <Card>
              <div className="flex items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="font-medium">
                    <span data-user-text>{r.route}</span> · {r.slot}
                  </p>
                  <p className="text-xs text-slate-600">
                    <span data-user-text>{r.community}</span> ·{" "}
                    {t("patrol.window", { from: hhmm(r.startsAt, user.timeZone), to: hhmm(r.endsAt, user.timeZone) })}
                  </p>
                  <p className="mt-1 text-sm tabular-nums">
                    {t("patrol.progress", { scanned: r.scanned, total: r.checkpoints })}
                  </p>
                </div>
                <FieldStatus status={r.status} label={t(`roundStatus.${r.status}`)} />
              </div>
              <Link
                href={`/staff/field/patrol/${r.id}`}
                className={`mt-3 flex min-h-11 items-center justify-center rounded-md px-4 text-sm font-medium ${
                  r.status === "open" ? "bg-brand-600 text-white" : "border border-slate-300 text-slate-800"
                }`}
              >
                {r.status === "open" ? t("patrol.open") : t("patrol.view")}
              </Link>
            </Card>
          </li>
        ))}
      </ul>
      <HandoverCard places={places} notes={notes} timeZone={user.timeZone} action={handoverAction} />
    </div>
  );
}
