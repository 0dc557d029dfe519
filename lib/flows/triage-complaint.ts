import type { z } from "zod";
import { checkComplaintPoints, recordComplaintEntryTx } from "@/lib/crm/ledger/complaints";
import type { Db } from "@/lib/db/client";
import type { RoleActor } from "@/lib/auth/actor";
import { triageOrderTx } from "@/lib/tickets/dispatch";
import type { SentimentHook } from "@/lib/tickets/rules";
import type { triageSchema } from "@/lib/tickets/schemas";

/**
 * Triage a complaint → its sentiment entry (SPEC §8.2; STYLE: cross-module effects in one
 * transaction live in lib/flows/). The points must lie in the classification's range under the
 * company's published CRM-EW rules (else a field error, nothing written); the order's triage,
 * its dispatch and the household's ledger entry commit together or not at all. Tickets knows
 * nothing of CRM-EW: this use case, above both modules, joins them.
 */
export async function triageComplaint(
  db: Db,
  actor: RoleActor,
  input: z.output<typeof triageSchema>,
  now = new Date(),
): Promise<SentimentHook> {
  return db.transaction(async (tx) => {
    const rules = await checkComplaintPoints(tx, actor.companyId, input.classification, input.points);
    const hook = await triageOrderTx(tx, actor, input, now);
    await recordComplaintEntryTx(tx, {
      companyId: actor.companyId,
      workOrderId: hook.workOrderId,
      householdId: hook.householdId,
      classification: hook.classification,
      points: hook.points,
      actorUserId: actor.userId,
      now,
      initialScore: rules.initialScore,
    });
    return hook;
  });
}
