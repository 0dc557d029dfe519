import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { crmRuleSets, households, householdScores, sentimentEntries } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { companyTimeZone } from "@/lib/tenancy/queries";
import { DEFAULT_CRM_RULES, type CrmRules } from "../config";
import { appendSentimentEntries, recomputeScores } from "../ledger/write";
import { publishedRules } from "../ledger/read";
import { crmRulesSchema } from "./schemas";
import { localDate } from "@/lib/time/zone";

/**
 * Rules as data (§8.1): an admin edits a draft, previews it (what-if), then publishes or
 * discards it. Publishing archives the previous rule set and is audited with before/after.
 */

export async function currentDraft(db: DbOrTx, companyId: number): Promise<{ id: number; rules: CrmRules } | null> {
  const [row] = await db
    .select({ id: crmRuleSets.id, rules: crmRuleSets.rules })
    .from(crmRuleSets)
    .where(and(eq(crmRuleSets.companyId, companyId), eq(crmRuleSets.status, "draft")))
    .orderBy(desc(crmRuleSets.id))
    .limit(1);
  return row ? { id: row.id, rules: { ...DEFAULT_CRM_RULES, ...(row.rules as Partial<CrmRules>) } } : null;
}

/** Saves (creates or replaces) the company's one draft. The input has passed crmRulesSchema. */
export async function saveDraft(
  db: Db,
  actor: { companyId: number; userId: number },
  rules: CrmRules,
  now = new Date(),
) {
  const checked = crmRulesSchema.parse(rules);
  return db.transaction(async (tx) => {
    const draft = await currentDraft(tx, actor.companyId);
    let id: number;
    if (draft) {
      await tx
        .update(crmRuleSets)
        .set({ rules: checked, createdByUserId: actor.userId })
        .where(and(eq(crmRuleSets.id, draft.id), eq(crmRuleSets.companyId, actor.companyId)));
      id = draft.id;
    } else {
      const [row] = await tx
        .insert(crmRuleSets)
        .values({
          companyId: actor.companyId,
          status: "draft",
          rules: checked,
          createdByUserId: actor.userId,
          createdAt: now,
        })
        .returning({ id: crmRuleSets.id });
      id = row.id;
    }
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "crm.rules.draft",
      entity: "crm_rule_set",
      entityId: id,
      before: draft?.rules ?? null,
      after: checked,
    });
    return id;
  });
}

export async function discardDraft(db: Db, actor: { companyId: number; userId: number }) {
  return db.transaction(async (tx) => {
    const res = await tx
      .update(crmRuleSets)
      .set({ status: "archived" })
      .where(and(eq(crmRuleSets.companyId, actor.companyId), eq(crmRuleSets.status, "draft")));
    if (res.rowsAffected === 0) throw new AppError("not_found", "crm.rules.errors.noDraft");
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "crm.rules.discard",
      entity: "crm_rule_set",
    });
  });
}

/**
 * Publishes the draft: the previous published set is archived, the change audited with
 * before/after, and when the initial score changed every cached score (and each entry's
 * derived score_after) is recomputed from the ledger. Ledger entries are never edited otherwise.
 */
export async function publishDraft(db: Db, actor: { companyId: number; userId: number }, now = new Date()) {
  return db.transaction(async (tx) => {
    const draft = await currentDraft(tx, actor.companyId);
    if (!draft) throw new AppError("not_found", "crm.rules.errors.noDraft");
    const checked = crmRulesSchema.safeParse(draft.rules);
    if (!checked.success) throw new AppError("validation", "crm.rules.errors.invalidDraft");
    const before = await publishedRules(tx, actor.companyId);
    await tx
      .update(crmRuleSets)
      .set({ status: "archived" })
      .where(and(eq(crmRuleSets.companyId, actor.companyId), eq(crmRuleSets.status, "published")));
    const res = await tx
      .update(crmRuleSets)
      .set({ status: "published", publishedAt: now })
      .where(
        and(eq(crmRuleSets.id, draft.id), eq(crmRuleSets.companyId, actor.companyId), eq(crmRuleSets.status, "draft")),
      );
    if (res.rowsAffected !== 1) throw new AppError("conflict");
    let recomputed = 0;
    if (before.initialScore !== checked.data.initialScore) {
      const ids = await tx
        .selectDistinct({ id: sentimentEntries.householdId })
        .from(sentimentEntries)
        .where(eq(sentimentEntries.companyId, actor.companyId));
      const cached = await tx
        .select({ id: householdScores.householdId })
        .from(householdScores)
        .where(eq(householdScores.companyId, actor.companyId));
      const all = [...new Set([...ids.map((r) => r.id), ...cached.map((r) => r.id)])];
      await recomputeScores(tx, actor.companyId, checked.data.initialScore, all, now);
      recomputed = all.length;
    }
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "crm.rules.publish",
      entity: "crm_rule_set",
      entityId: draft.id,
      before,
      after: checked.data,
    });
    return { id: draft.id, recomputed };
  });
}

/** An admin's correction entry (§8.1): a new ledger entry with points, reason and actor; audited. */
export async function addCorrection(
  db: Db,
  actor: { companyId: number; userId: number },
  input: { householdId: number; points: number; reason: string },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const [h] = await tx
      .select({ id: households.id })
      .from(households)
      .where(and(eq(households.companyId, actor.companyId), eq(households.id, input.householdId)));
    if (!h) throw new AppError("not_found");
    const rules = await publishedRules(tx, actor.companyId);
    const [prev] = await tx
      .select({ score: householdScores.score })
      .from(householdScores)
      .where(and(eq(householdScores.companyId, actor.companyId), eq(householdScores.householdId, h.id)));
    const occurredOn = localDate(now, await companyTimeZone(tx, actor.companyId));
    const [written] = await appendSentimentEntries(
      tx,
      actor.companyId,
      rules.initialScore,
      [
        {
          householdId: h.id,
          occurredOn,
          rule: "correction",
          step: null,
          points: input.points,
          dedupeKey: `correction:${randomUUID()}`,
          messageKey: "correction",
          params: { points: input.points },
          reason: input.reason,
          actorUserId: actor.userId,
        },
      ],
      now,
    );
    const [cur] = await tx
      .select({ score: householdScores.score })
      .from(householdScores)
      .where(and(eq(householdScores.companyId, actor.companyId), eq(householdScores.householdId, h.id)));
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "crm.correction",
      entity: "household",
      entityId: h.id,
      before: { score: prev?.score ?? rules.initialScore },
      after: { score: cur?.score, points: input.points, reason: input.reason, entryId: written?.id },
    });
    return { entryId: written.id, score: cur?.score ?? null };
  });
}
