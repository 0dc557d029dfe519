import { and, eq, sql } from "drizzle-orm";
import { households } from "@/db/schema";
import type { CronJob } from "@/lib/jobs/types";
import { ENTRY_ALIAS_E } from "../sql";
import { appendSentimentEntries, type NewSentimentEntry } from "./write";
import { publishedRules } from "./read";
import { previousMonth, recoveryDedupeKey, recoveryDue } from "../rules/recovery";

/**
 * §8.1 optional recovery rule (off by default): on the 1st of a month, +N for the previous
 * calendar month to every active household that had no negative entry in it (at 100 the
 * score simply stays clamped). Idempotent by recovery:<household>:<YYYY-MM>; set-based
 * selection, written in chunks of 500 households per transaction.
 */
export const runRecovery: CronJob = async (db, company, asOf, now) => {
  const rules = await publishedRules(db, company.id);
  if (!recoveryDue(rules, asOf)) return { recovery: 0 };
  const prev = previousMonth(asOf);
  const rows = await db
    .select({ id: households.id })
    .from(households)
    .where(
      and(
        eq(households.companyId, company.id),
        eq(households.active, true),
        sql`not exists (select 1 from ${ENTRY_ALIAS_E} where e.company_id = ${company.id} and e.household_id = "households"."id"
          and e.occurred_on >= ${prev.from} and e.occurred_on <= ${prev.to} and e.points < 0)`,
      ),
    );
  const entries: NewSentimentEntry[] = rows.map((r) => ({
    householdId: r.id,
    occurredOn: asOf,
    rule: "recovery",
    step: prev.month,
    points: rules.recovery.pointsPerMonth,
    sourceType: null,
    sourceId: null,
    dedupeKey: recoveryDedupeKey(r.id, prev.month),
    messageKey: "recovery",
    params: { month: prev.month },
  }));
  let written = 0;
  for (let i = 0; i < entries.length; i += 500) {
    const part = entries.slice(i, i + 500);
    written += (await db.transaction((tx) => appendSentimentEntries(tx, company.id, rules.initialScore, part, now)))
      .length;
  }
  return { recovery: written };
};
