import type { RoleActor } from "@/lib/auth/actor";
import { eq } from "drizzle-orm";
import { approvalSettings } from "@/db/schema";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { DEFAULT_CHAINS, type ChainConfig } from "../rules";

/*
 * Approval commands (SPEC §6). Every write is one transaction: the request row, its steps, its
 * timeline event, the audit entry, the in-app notifications and — on the final approval of a
 * money request — the expense posting. Decisions are conditional updates on the pending step,
 * so a double click or two approvers at once decide a step once.
 */

/** The largest amount a request may carry (¥1,000,000,000), so sums stay exact. */
export const MAX_AMOUNT_FEN = 100_000_000_000;

export async function loadChainConfig(db: DbOrTx, companyId: number): Promise<ChainConfig> {
  const [row] = await db
    .select({ chains: approvalSettings.chains })
    .from(approvalSettings)
    .where(eq(approvalSettings.companyId, companyId));
  return row ? { ...DEFAULT_CHAINS, ...(row.chains as Partial<ChainConfig>) } : DEFAULT_CHAINS;
}

/** The admin's chain settings; validated by chainConfigSchema; audited with before/after. */
export async function saveChainConfig(db: Db, actor: RoleActor, chains: ChainConfig) {
  const before = await loadChainConfig(db, actor.companyId);
  await db.transaction(async (tx) => {
    await tx
      .insert(approvalSettings)
      .values({ companyId: actor.companyId, chains })
      .onConflictDoUpdate({ target: approvalSettings.companyId, set: { chains, updatedAt: new Date() } });
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: "approvals.chains",
      entity: "approval_settings",
      entityId: actor.companyId,
      before,
      after: chains,
    });
  });
}
