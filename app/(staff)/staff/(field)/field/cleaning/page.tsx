import { getTranslations } from "next-intl/server";
import { FieldStatus, hhmm } from "@/components/field/bits";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { withUserText } from "@/components/ui/user-text";
import { requireUser } from "@/app/_lib/session";
import { CLEANING_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { myCleaningTasks } from "@/lib/field/queries";
import { localDate } from "@/lib/time/zone";
import { completeTaskAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("field.cleaning"))("title") };
}

const INPUT = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

/** The cleaner's phone page (issue 19): today's own tasks in time order; each done with an optional note and photo. */
export default async function CleaningTasksPage() {
  const user = await requireUser(CLEANING_ROLES);
  const t = await getTranslations("field");
  const date = localDate(new Date(), user.timeZone);
  const tasks = await myCleaningTasks(getDb(), user.companyId, user.id, date);
  const done = tasks.filter((x) => x.status === "done").length;
  return (
    <div className="space-y-3">
      <PageHeader title={t("cleaning.title")} subtitle={t("cleaning.subtitle", { date, total: tasks.length, done })} />
      {tasks.length === 0 ? <EmptyState>{t("cleaning.none")}</EmptyState> : null}
      <ul className="space-y-3" data-testid="cleaning-tasks">
        {tasks.map((task) => (
          <li key={task.id} data-testid={`cleaning-task-${task.id}`}>
            <Card>
              <div className="flex items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="font-medium" data-user-text>
                    {task.area}
                  </p>
                  <p className="text-xs text-slate-600">
                    <span data-user-text>{task.community}</span> · {t(`kind.${task.kind}`)} ·{" "}
                    {t("cleaning.window", {
                      from: hhmm(task.startsAt, user.timeZone),
                      to: hhmm(task.dueAt, user.timeZone),
                    })}
                  </p>
                </div>
                <FieldStatus status={task.status} label={t(`taskStatus.${task.status}`)} />
              </div>
              {task.standard ? (
                <p className="mt-2 text-sm text-slate-700">
                  {withUserText((text) => t("cleaning.standard", { text }), task.standard)}
                </p>
              ) : null}
              {task.status === "done" && task.doneAt ? (
                <p className="mt-2 text-xs text-emerald-700">
                  {t("cleaning.doneAt", { time: hhmm(task.doneAt, user.timeZone) })}
                  {task.hasPhoto ? ` · ${t("cleaning.withPhoto")}` : ""}
                </p>
              ) : null}
              {task.status === "open" ? (
                <ActionForm action={completeTaskAction} className="mt-3 space-y-2" testId={`cleaning-done-${task.id}`}>
                  <input type="hidden" name="taskId" value={task.id} />
                  <label className="block text-sm">
                    {t("cleaning.note")}
                    <input name="note" maxLength={500} className={INPUT} />
                  </label>
                  <FieldError name="note" />
                  <label className="block text-sm">
                    {t("cleaning.photo")}
                    <input
                      name="photos"
                      type="file"
                      accept="image/*"
                      capture="environment"
                      className="mt-1 block w-full text-sm"
                    />
                  </label>
                  <FieldError name="photos" />
                  <FieldError name="taskId" />
                  <button
                    type="submit"
                    className="min-h-11 w-full rounded-md bg-emerald-700 px-4 text-sm font-medium text-white"
                  >
                    {t("cleaning.done")}
                  </button>
                </ActionForm>
              ) : null}
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}
