import { desc, eq } from "drizzle-orm";
import { auditLog, users } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

export async function listAuditEntries(db: DbOrTx, companyId: number, { limit = 100, offset = 0 } = {}) {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      createdAt: auditLog.createdAt,
      actorName: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(eq(auditLog.companyId, companyId))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .offset(offset);
}
