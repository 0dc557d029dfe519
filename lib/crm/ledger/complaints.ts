import { AppError } from "@/lib/actions/result";
import type { DbOrTx } from "@/lib/db/client";
import { companyTimeZone } from "@/lib/tenancy/queries";
import type { ComplaintClass } from "@/lib/tickets/rules";
import { appendSentimentEntries } from "./write";
import { publishedRules } from "./read";
import { complaintDedupeKey, complaintPointsInRange } from "../rules/complaints";
import { localDate } from "@/lib/time/zone";

/** Refuses points outside the classification's range under the company's published rules (a field error). */
export async function checkComplaintPoints(
  db: DbOrTx,
  companyId: number,
  classification: ComplaintClass,
  points: number,
) {
  const rules = await publishedRules(db, companyId);
  if (!complaintPointsInRange(rules, classification, points))
    throw AppError.field("points", "tickets.errors.pointsOutOfRange");
  return rules;
}

/**
 * §8.2: the complaint's ledger entry, written inside the triage transaction. One per order
 * (dedupe key complaint:<orderId>), so a repeated triage can never count twice.
 */
export async function recordComplaintEntryTx(
  tx: DbOrTx,
  input: {
    companyId: number;
    workOrderId: number;
    householdId: number | null;
    classification: ComplaintClass;
    points: number;
    actorUserId: number | null;
    now: Date;
    initialScore: number;
  },
) {
  if (input.householdId == null) return [];
  const occurredOn = localDate(input.now, await companyTimeZone(tx, input.companyId));
  return appendSentimentEntries(
    tx,
    input.companyId,
    input.initialScore,
    [
      {
        householdId: input.householdId,
        occurredOn,
        rule: "complaint",
        step: input.classification,
        points: input.points,
        sourceType: "work_order",
        sourceId: input.workOrderId,
        dedupeKey: complaintDedupeKey(input.workOrderId),
        messageKey: "complaint",
        params: { orderId: input.workOrderId, classification: input.classification, points: input.points },
        actorUserId: input.actorUserId,
      },
    ],
    input.now,
  );
}
