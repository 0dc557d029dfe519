import { generateBills } from "@/lib/billing/generate";
import { runArrearsLadder } from "@/lib/crm/arrears/ladder";
import { getBillingSettings } from "@/lib/billing/pricing";
import { runGoldAward, runGoldExpiry } from "@/lib/crm/gold/award";
import { runRecovery } from "@/lib/crm/ledger/recovery";
import { runQuarterlySurvey } from "@/lib/crm/surveys/send";
import { runVisitSampling } from "@/lib/crm/visits/sampling";
import { postFinanceActuals } from "@/lib/finance/ledger";
import { deliverOutbox } from "@/lib/outbox/job";
import { hrDailyJob } from "@/lib/hr/cron";
import { escalateOverdue, generateMaintenanceOrders } from "@/lib/tickets/cron";
import { purgeVisitorPasses } from "@/lib/visitors/commands";
import type { CronJob } from "@/lib/jobs/types";
import { generateFieldDay } from "@/lib/field/generate";
import { reconcileStatements } from "@/lib/billing/reconciliation/job";
import { secretsKey } from "@/lib/crypto/secrets";

/**
 * Every daily job of SPEC §10, in the order they run for each company.
 *
 * `dateBound` jobs depend only on the date: once one has finished for a company and date,
 * a re-run of that date skips it (recorded in cron_job_runs). The others depend on the
 * clock (SLA escalation, outbound delivery) and run every time; they belong to the minute tick
 * (lib/cron/tick.ts) and stay here as a safety net for a deployment that schedules only the
 * daily route — idempotent, so running in both changes nothing twice. Every job is idempotent
 * and overlap-safe on its own too — the record only makes a second run fast.
 */
export interface RegisteredJob {
  name: string;
  dateBound: boolean;
  run: CronJob;
}

const billingDay: CronJob = async (db, c, asOf, now) => {
  const { billingDay } = await getBillingSettings(db, c.id);
  if (Number(asOf.slice(8, 10)) < billingDay) return { bills: 0, contractBills: 0, creditApplied: 0 };
  // A company whose billing day was missed (cron down) is caught up on any later day of the month.
  const r = await generateBills(db, c.id, asOf.slice(0, 7), now);
  return { bills: r.created, contractBills: r.contractBills, creditApplied: r.creditApplied };
};

const slaEscalation: CronJob = async (db, c, _asOf, now) => escalateOverdue(db, c.id, now);

const maintenancePlans: CronJob = async (db, c, asOf) => {
  const { created } = await generateMaintenanceOrders(db, c.id, asOf);
  return { orders: created };
};

export const CRON_JOBS: readonly RegisteredJob[] = [
  { name: "hr.changes", dateBound: true, run: hrDailyJob },
  { name: "billing.generate", dateBound: true, run: billingDay },
  // Yesterday's WeChat Pay / Alipay statements, matched to our payments (the key is read only for a company with an account).
  { name: "billing.reconcile", dateBound: true, run: reconcileStatements(() => secretsKey()) },
  { name: "crm.arrears", dateBound: true, run: runArrearsLadder },
  { name: "crm.goldExpiry", dateBound: true, run: runGoldExpiry },
  { name: "crm.goldAward", dateBound: true, run: runGoldAward },
  { name: "crm.recovery", dateBound: true, run: runRecovery },
  { name: "finance.actuals", dateBound: false, run: postFinanceActuals },
  { name: "tickets.escalate", dateBound: false, run: slaEscalation },
  { name: "tickets.maintenance", dateBound: true, run: maintenancePlans },
  { name: "field.day", dateBound: true, run: generateFieldDay },
  { name: "crm.visits", dateBound: true, run: runVisitSampling },
  { name: "crm.surveys", dateBound: true, run: runQuarterlySurvey },
  { name: "visitors.purge", dateBound: true, run: purgeVisitorPasses },
  // Last: sends what the jobs above queued (and anything due for a retry).
  { name: "outbox.deliver", dateBound: false, run: deliverOutbox },
];
