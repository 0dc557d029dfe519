import { getTranslations } from "next-intl/server";
import { Card, EmptyState } from "@/components/ui/card";
import { withUserText } from "@/components/ui/user-text";
import { FieldStatus } from "./bits";

type Status = "done" | "late" | "missed" | null;

interface Round {
  id: number;
  date: string;
  slot: string;
  status: string;
  scanned: number;
  checkpoints: number;
  route: string;
  community: string;
  guard: string | null;
  skipped: string[];
}

/** The board's patrol rounds (missed or late by default; or those of one outcome), with the checkpoints a missed round skipped. */
export async function BoardRounds({ rounds, status }: { rounds: readonly Round[]; status: Status }) {
  const t = await getTranslations("field");
  const sep = (await getTranslations("common"))("listSeparator");
  return (
    <Card title={status ? `${t("board.patrols")} · ${t(`board.outcome.${status}`)}` : t("board.rounds")}>
      {rounds.length === 0 ? (
        <EmptyState>{t("board.noRounds")}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="board-rounds">
          {rounds.map((r) => (
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
                  {r.guard ? <span data-user-text>{r.guard}</span> : t("board.unassigned")} ·{" "}
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
  );
}

interface Task {
  id: number;
  date: string;
  slot: string;
  status: string;
  area: string;
  community: string;
  assignee: string | null;
}

/** The board's cleaning tasks (missed by default; or those of one outcome). */
export async function BoardTasks({ tasks, status }: { tasks: readonly Task[]; status: Status }) {
  const t = await getTranslations("field");
  return (
    <Card title={status ? `${t("board.tasks")} · ${t(`board.outcome.${status}`)}` : t("board.missedTasks")}>
      {tasks.length === 0 ? (
        <EmptyState>{status ? t("board.noTasks") : t("board.noMissedTasks")}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="board-tasks">
          {tasks.map((task) => (
            <li
              key={task.id}
              className="flex flex-wrap items-start justify-between gap-2 py-2 text-sm"
              data-testid={`board-task-${task.id}`}
            >
              <div className="min-w-0">
                <p className="font-medium">
                  <span data-user-text>{task.area}</span> · {task.date} {task.slot}
                </p>
                <p className="text-xs text-slate-600">
                  <span data-user-text>{task.community}</span> ·{" "}
                  {task.assignee ? <span data-user-text>{task.assignee}</span> : t("board.unassigned")}
                </p>
              </div>
              <FieldStatus
                status={status === "late" ? "late" : task.status}
                label={status === "late" ? t("board.outcome.late") : t(`taskStatus.${task.status}`)}
              />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
