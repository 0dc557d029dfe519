import { sql } from "drizzle-orm";
import type { Db } from "../../lib/db/client";

/**
 * A well-run company (issue 16 §9): after the replayed history, the staff have worked their queues
 * — about 96 % of the orders whose acceptance deadline passed were accepted in time, and about 95 %
 * of the accepted ones whose resolution deadline passed were resolved and closed in time (visits
 * are resolved only by recording the visit, crm.ts). The few left are the trouble spots the
 * workbenches show. Set-based (a fixed list of statements in one batch), so it stays fast at any
 * size; each change gets the same timeline events the commands write. Deterministic: the order id
 * decides who is left behind.
 */
const DAY = 86_400_000;

export async function workThroughBacklog(db: Db, companyId: number, now: Date) {
  const t = now.getTime();
  // The moment within the window: between 5 % and 95 % of the way from creation to the deadline.
  const within = (due: string) => sql.raw(`(w.created_at + ((${due} - w.created_at) * (5 + (w.id * 37) % 90)) / 100)`);
  // Visits are due at the month's end: the butler accepted this month's sample within a day.
  const acceptable = sql`w.company_id = ${companyId} and w.status = 'assigned' and (w.id * 7919) % 100 >= 4
    and (w.accept_due_at < ${t} or (w.type = 'visit' and w.created_at < ${t - DAY}))`;
  const resolvable = sql`w.company_id = ${companyId} and w.status in ('accepted', 'in_progress') and w.type <> 'visit'
    and w.resolve_due_at < ${t} and (w.id * 7919) % 100 >= 5`;
  const accepted = await db.batch([
    db.run(sql`update work_order_assignees set accepted_at = (select ${within("w.accept_due_at")} from work_orders w where w.id = work_order_assignees.work_order_id)
      where accepted_at is null and work_order_id in (select w.id from work_orders w where ${acceptable})`),
    db.run(sql`insert into work_order_events (company_id, work_order_id, actor_user_id, action, from_status, to_status, at)
      select w.company_id, w.id, (select min(a.user_id) from work_order_assignees a where a.work_order_id = w.id), 'accept', 'assigned', 'accepted', ${within("w.accept_due_at")}
      from work_orders w where ${acceptable}`),
    db.run(
      sql`update work_orders as w set status = 'accepted', accepted_at = ${within("w.accept_due_at")} where ${acceptable}`,
    ),
  ]);
  const resolved = await db.batch([
    db.run(sql`insert into work_order_events (company_id, work_order_id, actor_user_id, action, from_status, to_status, at)
      select w.company_id, w.id, (select min(a.user_id) from work_order_assignees a where a.work_order_id = w.id), 'resolve', w.status, 'resolved', ${within("w.resolve_due_at")}
      from work_orders w where ${resolvable}`),
    db.run(sql`insert into work_order_events (company_id, work_order_id, actor_user_id, action, from_status, to_status, at)
      select w.company_id, w.id, null, 'close', 'resolved', 'closed', ${within("w.resolve_due_at")}
      from work_orders w where ${resolvable}`),
    db.run(sql`update work_orders as w set status = 'closed', resolved_at = ${within("w.resolve_due_at")}, closed_at = ${within("w.resolve_due_at")},
      resolution_note = '已处理完毕' where ${resolvable}`),
  ]);
  return { accepted: accepted[2].rowsAffected, resolved: resolved[2].rowsAffected };
}
