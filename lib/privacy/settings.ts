import { eq } from "drizzle-orm";
import type { z } from "zod";
import { companies } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import type { privacySettingsSchema } from "./schemas";

/** The company's privacy settings and closure state. */
export async function privacySettings(db: DbOrTx, companyId: number) {
  const [row] = await db
    .select({
      name: companies.name,
      moneyRetentionYears: companies.moneyRetentionYears,
      closureGraceDays: companies.closureGraceDays,
      closureRequestedAt: companies.closureRequestedAt,
      purgeAfter: companies.purgeAfter,
    })
    .from(companies)
    .where(eq(companies.id, companyId));
  if (!row) throw new AppError("not_found");
  return row;
}

/** The admin sets the retention period of money records and the closure grace period (audited). */
export async function updatePrivacySettings(
  db: Db,
  companyId: number,
  actorUserId: number,
  input: z.output<typeof privacySettingsSchema>,
) {
  await db.transaction(async (tx) => {
    const before = await privacySettings(tx, companyId);
    await tx.update(companies).set(input).where(eq(companies.id, companyId));
    await writeAudit(tx, {
      companyId,
      actorUserId,
      action: "company.privacy_settings",
      entity: "company",
      entityId: companyId,
      before: { moneyRetentionYears: before.moneyRetentionYears, closureGraceDays: before.closureGraceDays },
      after: input,
    });
  });
}
