import { getTranslations } from "next-intl/server";
import { withUserText } from "@/components/ui/user-text";
import { FieldStatus } from "@/components/field/bits";
import { RoutesCard } from "@/components/field/routes-card";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { FIELD_SUPERVISOR_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { fieldBoard } from "@/lib/field/board";
import { addDays } from "@/lib/time/calendar";
import { localDate } from "@/lib/time/zone";

export async function generateMetadata() {
  return { title: (await getTranslations("field.board"))("title") };
}

/** The supervisor's field board (issue 19): the last 7 days' overdue cleaning tasks and missed or late rounds. */
export default async function FieldBoardPage() {
  const user = await requireUser(FIELD_SUPERVISOR_ROLES);
  const t = await getTranslations("field");
  const sep = (await getTranslations("common"))("listSeparator");
  const from = addDays(localDate(new Date(), user.timeZone), -6);
  const board = await fieldBoard(getDb(), user.companyId, from);
  return (
    <div className="space-y-4">
      <PageHeader title={t("board.title")} subtitle={t("board.subtitle")} />
      <Card title={t("board.rounds")}>
        {board.rounds.length === 0 ? (
          <EmptyState>{t("board.noRounds")}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="board-rounds">
            {board.rounds.map((r) => (
              <li
                key={r.id}
                className="flex flex-wrap items-start justify-between gap-2 py-2 text-sm"
                data-testid={`board-round-${r.id}`}
              >
                <div className="min-w-0">
                  <p className="font-medium">
                    <span data-user-text>{r.route}</span> · {r.date} {r.slot}
                  </p>
                  <p className="text-xs text-slate-600">
                    <span data-user-text>{r.community}</span> ·{" "}
                    <span data-user-text>{r.guard ?? t("board.unassigned")}</span> ·{" "}
                    {t("board.progress", { scanned: r.scanned, total: r.checkpoints })}
                  </p>
                  {r.skipped.length ? (
                    <p className="text-xs text-red-700">
                      {withUserText((names) => t("board.skipped", { names }), r.skipped.join(sep))}
                    </p>
                  ) : null}
                </div>
                <FieldStatus status={r.status} label={t(`roundStatus.${r.status}`)} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("board.missedTasks")}>
        {board.missedTasks.length === 0 ? (
          <EmptyState>{t("board.noMissedTasks")}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="board-tasks">
            {board.missedTasks.map((task) => (
              <li key={task.id} className="flex flex-wrap items-start justify-between gap-2 py-2 text-sm">
                <div className="min-w-0">
                  <p className="font-medium">
                    <span data-user-text>{task.area}</span> · {task.date} {task.slot}
                  </p>
                  <p className="text-xs text-slate-600">
                    <span data-user-text>{task.community}</span> ·{" "}
                    <span data-user-text>{task.assignee ?? t("board.unassigned")}</span>
                  </p>
                </div>
                <FieldStatus status="missed" label={t("taskStatus.missed")} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      <RoutesCard routes={board.routes} />
    </div>
  );
}
