import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, Stat } from "@/components/ui/card";
import { withUserText } from "@/components/ui/user-text";
import type { SessionUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { fieldBoard, todayCounts } from "@/lib/field/board";
import { teamCounts } from "@/lib/field/team-counts";
import { localDate } from "@/lib/time/zone";

/** Cleaner or guard (issue 19): today's own tasks or rounds — to do, done, overdue — and the way to them. */
export async function FieldSection({ user, kind }: { user: SessionUser; kind: "cleaning" | "patrol" }) {
  const t = await getTranslations("field.workbench");
  const counts = await todayCounts(getDb(), user.companyId, user.id, localDate(new Date(), user.timeZone));
  const c = kind === "cleaning" ? counts.tasks : counts.rounds;
  return (
    <Card
      title={t(kind)}
      actions={
        <Link
          href={`/staff/field/${kind}`}
          className="text-sm text-brand-700 hover:underline"
          data-testid={`wb-${kind}`}
        >
          {t("go")}
        </Link>
      }
    >
      <div className="grid grid-cols-3 gap-2" data-testid={`wb-${kind}-counts`}>
        <Stat label={t("open")} value={c.open} />
        <Stat label={t("done")} value={c.done} />
        <Stat label={t("missed")} value={c.missed} />
      </div>
    </Card>
  );
}

/**
 * Supervisor / project manager / admin (issue 19 point 7): today's late and missed cleaning tasks
 * and patrol rounds per team, each figure a link to those rows on the field board, and the first
 * few of them (with the checkpoints a missed round never reached).
 */
export async function FieldBoardSection({ user }: { user: SessionUser }) {
  const t = await getTranslations("field");
  const sep = (await getTranslations("common"))("listSeparator");
  const db = getDb();
  const today = localDate(new Date(), user.timeZone);
  const [counts, board] = await Promise.all([
    teamCounts(db, user.companyId, { today, weekFrom: today }),
    fieldBoard(db, user.companyId, { from: today }, 5),
  ]);
  const figures = [
    ["cleaning", "late", counts.cleaning.today.late],
    ["cleaning", "missed", counts.cleaning.today.missed],
    ["security", "late", counts.security.today.late],
    ["security", "missed", counts.security.today.missed],
  ] as const;
  const items = [
    ...board.rounds.map((r) => ({
      key: `r${r.id}`,
      text: (
        <>
          {r.slot} <span data-user-text>{r.route}</span> · {t(`roundStatus.${r.status}`)}
        </>
      ),
      detail: r.skipped.length ? (
        withUserText((names) => t("board.skipped", { names }), r.skipped.join(sep))
      ) : (
        <span data-user-text>{r.community}</span>
      ),
    })),
    ...board.tasks.map((x) => ({
      key: `t${x.id}`,
      text: (
        <>
          {x.slot} <span data-user-text>{x.area}</span> · {t("taskStatus.missed")}
        </>
      ),
      detail: <span data-user-text>{x.community}</span>,
    })),
  ];
  return (
    <Card
      title={t("workbench.board")}
      actions={
        <Link href="/staff/field/board" className="text-sm text-brand-700 hover:underline" data-testid="wb-field-board">
          {t("workbench.go")}
        </Link>
      }
    >
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4" data-testid="wb-field-counts">
        {figures.map(([team, status, n]) => (
          <Link
            key={`${team}-${status}`}
            href={`/staff/field/board?team=${team}&status=${status}&period=today`}
            className="rounded-md hover:opacity-80"
            data-testid={`wb-field-${team}-${status}`}
          >
            <Stat label={`${t(`board.team.${team}`)} · ${t(`board.outcome.${status}`)}`} value={n} />
          </Link>
        ))}
      </div>
      {items.length ? (
        <ul className="mt-3 divide-y divide-slate-100 text-sm" data-testid="wb-field-items">
          {items.map((i) => (
            <li key={i.key} className="py-1.5">
              <p>{i.text}</p>
              <p className="text-xs text-slate-600">{i.detail}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
