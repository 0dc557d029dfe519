import { and, eq, sql } from "drizzle-orm";
import { financeCategories, financeEntries } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import type { JournalInput, ReversalInput } from "./schemas";

/** A manual journal adjustment by finance: a new entry with its reason; audited. */
export async function addJournalEntry(db: Db, actor: { companyId: number; userId: number }, input: JournalInput) {
  const [cat] = await db
    .select({ id: financeCategories.id, kind: financeCategories.kind })
    .from(financeCategories)
    .where(and(eq(financeCategories.companyId, actor.companyId), eq(financeCategories.id, input.categoryId)));
  if (!cat) throw AppError.field("categoryId", "finance.errors.category");
  await assertCommunity(db, actor.companyId, input.communityId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(financeEntries)
      .values({
        companyId: actor.companyId,
        communityId: input.communityId,
        categoryId: cat.id,
        kind: cat.kind,
        amountFen: input.amountFen,
        occurredOn: input.occurredOn,
        source: "manual",
        reason: input.reason,
        actorUserId: actor.userId,
      })
      .returning();
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "finance.journal",
      entity: "finance_entry",
      entityId: row.id,
      after: {
        categoryId: cat.id,
        communityId: input.communityId,
        amountFen: input.amountFen,
        occurredOn: input.occurredOn,
        reason: input.reason,
      },
    });
    return row;
  });
}

/** A correction: the reversing entry of an existing one (once: unique on reverses_entry_id); audited. */
export async function reverseEntry(db: Db, actor: { companyId: number; userId: number }, input: ReversalInput) {
  const [orig] = await db
    .select()
    .from(financeEntries)
    .where(and(eq(financeEntries.companyId, actor.companyId), eq(financeEntries.id, input.entryId)));
  if (!orig) throw new AppError("not_found");
  if (orig.source === "reversal") throw new AppError("conflict", "finance.errors.reverseReversal");
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(financeEntries)
      .values({
        companyId: actor.companyId,
        communityId: orig.communityId,
        categoryId: orig.categoryId,
        kind: orig.kind,
        amountFen: -orig.amountFen,
        occurredOn: input.occurredOn,
        source: "reversal",
        reason: input.reason,
        actorUserId: actor.userId,
        reversesEntryId: orig.id,
      })
      .onConflictDoNothing()
      .returning();
    if (!rows.length) throw new AppError("conflict", "finance.errors.alreadyReversed");
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "finance.reverse",
      entity: "finance_entry",
      entityId: rows[0].id,
      before: { entryId: orig.id, amountFen: orig.amountFen },
      after: { amountFen: -orig.amountFen, occurredOn: input.occurredOn, reason: input.reason },
    });
    return rows[0];
  });
}

async function assertCommunity(db: DbOrTx, companyId: number, communityId: number | null) {
  if (communityId === null) return;
  const rows = await db.all<{ id: number }>(
    sql`select id from communities where company_id = ${companyId} and id = ${communityId}`,
  );
  if (!rows.length) throw AppError.field("communityId", "finance.errors.community");
}
