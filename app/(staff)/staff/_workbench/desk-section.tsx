import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { loadActorFacts } from "@/lib/approvals/access";
import { countWaiting } from "@/lib/approvals/queries";
import type { SessionUser } from "@/lib/auth/current-user";
import { listLegalCases, openCasesByDeadline } from "@/lib/crm/legal/cases";
import { isLegalCaseOpen, LEGAL_CASE_STATUSES } from "@/lib/crm/rules/arrears";
import { getDb } from "@/lib/db";
import { todayCounts } from "@/lib/hr/dashboard";
import { countPendingRegistrations } from "@/lib/residents/queries";
import { Figure, FigureGrid } from "@/components/workbench/figure";

/** What waits for the person's decision: approval steps and residents' registrations. */
export async function DecisionsSection({
  user,
  approvals,
  registrations,
}: {
  user: SessionUser;
  approvals: boolean;
  registrations: boolean;
}) {
  const t = await getTranslations("workbench");
  const n = (await getFormatter()).number;
  const db = getDb();
  const viewer = { userId: user.id, roles: user.roles };
  const [waiting, pending] = await Promise.all([
    approvals
      ? loadActorFacts(db, user.companyId, user.id, user.roles).then((f) => countWaiting(db, user.companyId, f))
      : null,
    registrations ? countPendingRegistrations(db, user.companyId, viewer) : null,
  ]);
  return (
    <Card title={t("decisions.title")}>
      <FigureGrid>
        {waiting !== null ? (
          <Figure
            label={t("decisions.approvals")}
            value={n(waiting)}
            href="/staff/approvals"
            tone={waiting ? "warn" : "plain"}
            testId="wb-approvals"
          />
        ) : null}
        {pending !== null ? (
          <Figure
            label={t("decisions.registrations")}
            value={n(pending)}
            href="/staff/registrations"
            tone={pending ? "warn" : "plain"}
            testId="wb-registrations"
          />
        ) : null}
      </FigureGrid>
    </Card>
  );
}

/** HR: today's attendance exceptions (late, absent, on leave) of the company's staff. */
export async function AttendanceSection({ user }: { user: SessionUser }) {
  const t = await getTranslations("workbench");
  const n = (await getFormatter()).number;
  const c = await todayCounts(getDb(), user.companyId, user.timeZone);
  const href = "/staff/hr/attendance";
  return (
    <Card title={t("attendance.title")}>
      <FigureGrid>
        <Figure
          label={t("attendance.late")}
          value={n(c.late)}
          href={href}
          tone={c.late ? "warn" : "plain"}
          testId="wb-late"
        />
        <Figure
          label={t("attendance.absent")}
          value={n(c.absent)}
          href={href}
          tone={c.absent ? "alert" : "plain"}
          testId="wb-absent"
        />
        <Figure label={t("attendance.onLeave")} value={n(c.onLeave)} href={href} testId="wb-leave" />
        <Figure
          label={t("attendance.present")}
          value={`${n(c.present)} / ${n(c.staff)}`}
          href={href}
          testId="wb-present"
        />
      </FigureGrid>
    </Card>
  );
}

/** Legal: open cases by stage (each linking to the cases list of that stage) and the next deadline per case, soonest first. */
export async function LegalSection({ user }: { user: SessionUser }) {
  const t = await getTranslations("workbench");
  const ts = await getTranslations("arrears.legal.status");
  const format = await getFormatter();
  const db = getDb();
  const viewer = { userId: user.id, roles: user.roles };
  const [{ byStatus }, cases] = await Promise.all([
    listLegalCases(db, user.companyId, viewer),
    openCasesByDeadline(db, user.companyId, viewer),
  ]);
  return (
    <Card title={t("legal.title")}>
      <FigureGrid>
        {LEGAL_CASE_STATUSES.filter(isLegalCaseOpen).map((s) => (
          <Figure
            key={s}
            label={ts(s)}
            value={format.number(byStatus[s])}
            href={`/staff/legal?status=${s}`}
            testId={`wb-legal-${s}`}
          />
        ))}
      </FigureGrid>
      <h3 className="mt-4 mb-2 text-sm font-medium text-slate-700">{t("legal.deadlines")}</h3>
      {cases.length === 0 ? (
        <p className="text-sm text-slate-600">{t("legal.noCases")}</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="wb-legal-deadlines">
          {cases.map((c) => (
            <li key={c.id}>
              <Link
                href={`/staff/legal/${c.id}`}
                className="flex min-h-11 flex-wrap items-center justify-between gap-2 py-2 hover:bg-slate-50"
                data-testid="wb-legal-case"
                data-deadline={c.nextDeadline ? c.nextDeadline.getTime() : ""}
              >
                <span className="text-sm">
                  <span className="font-medium" translate="no">
                    {c.householdName}
                  </span>
                  <span className="ml-2 text-xs text-slate-600">{ts(c.status)}</span>
                </span>
                <span className={`text-sm tabular-nums ${c.overdue ? "font-semibold text-red-700" : "text-slate-700"}`}>
                  {c.nextDeadline
                    ? t("legal.due", {
                        when: format.dateTime(c.nextDeadline, {
                          dateStyle: "medium",
                          timeStyle: "short",
                          timeZone: user.timeZone,
                        }),
                      })
                    : t("legal.noDeadline")}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
