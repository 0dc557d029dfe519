import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { FieldStatus, hhmm } from "@/components/field/bits";
import { AnomalyForm } from "@/components/field/anomaly-form";
import { QrScanner } from "@/components/field/qr-scanner";
import { Card, PageHeader } from "@/components/ui/card";
import { withUserText } from "@/components/ui/user-text";
import { requireUser } from "@/app/_lib/session";
import { PATROL_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { myRound } from "@/lib/field/queries";
import { anomalyAction, scanAction } from "../../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("field.patrol"))("title") };
}

/** One of the guard's own rounds (another guard's or company's round is 404): the checkpoints in order and the scanner. */
export default async function PatrolRoundPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(PATROL_ROLES);
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const round = await myRound(getDb(), user.companyId, user.id, Number(id));
  if (!round) notFound();
  const t = await getTranslations("field");
  const tz = user.timeZone;
  return (
    <div className="space-y-3">
      <Link href="/staff/field/patrol" className="text-sm text-brand-700 hover:underline">
        {t("patrol.back")}
      </Link>
      <PageHeader
        title={withUserText((route) => t("patrol.round", { route, slot: round.slot }), round.route)}
        subtitle={`${round.date} · ${t("patrol.window", { from: hhmm(round.startsAt, tz), to: hhmm(round.endsAt, tz) })}`}
        actions={<FieldStatus status={round.status} label={t(`roundStatus.${round.status}`)} />}
      />
      {/* Kept mounted when the round closes, so the last scan's message stays (it hides its controls). */}
      <Card>
        <QrScanner roundId={round.id} scan={scanAction} open={round.status === "open"} />
      </Card>
      <Card
        title={`${t("patrol.points")} · ${t("patrol.progress", { scanned: round.scanned, total: round.checkpoints })}`}
      >
        <ol className="divide-y divide-slate-100" data-testid="round-points">
          {round.points.map((p) => (
            <li
              key={p.id}
              className="flex items-center justify-between gap-2 py-2 text-sm"
              data-scanned={p.scannedAt ? "1" : "0"}
            >
              <span>
                {p.seq}. <span data-user-text>{p.name}</span>
              </span>
              <span className={p.scannedAt ? (p.late ? "text-amber-700" : "text-emerald-700") : "text-slate-500"}>
                {p.scannedAt
                  ? `${t("patrol.scannedAt", { time: hhmm(p.scannedAt, tz) })}${p.late ? t("patrol.lateMark") : ""}`
                  : t("patrol.pending")}
              </span>
            </li>
          ))}
        </ol>
      </Card>
      {round.status === "open" ? <AnomalyForm roundId={round.id} points={round.points} action={anomalyAction} /> : null}
    </div>
  );
}
