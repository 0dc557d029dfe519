import { and, eq, ne } from "drizzle-orm";
import { communities, memberships, staffRecords } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { StaffRecordInput, StaffRecordUpdate } from "./schemas";
import type { Actor } from "@/lib/auth/actor";

async function assertCommunity(db: DbOrTx, companyId: number, communityId: number | null) {
  if (communityId == null) return;
  const [row] = await db
    .select({ id: communities.id })
    .from(communities)
    .where(and(eq(communities.companyId, companyId), eq(communities.id, communityId)));
  if (!row) throw AppError.field("communityId", "validation.required", "not_found");
}

function uniqueToField(e: unknown): never {
  if (isUniqueViolation(e, "employee_no"))
    throw AppError.field("employeeNo", "hr.validation.employeeNoTaken", "conflict");
  if (isUniqueViolation(e, "user_id")) throw AppError.field("userId", "hr.validation.recordExists", "conflict");
  throw e;
}

/** Creates the record of a staff member of the company (one per person). */
export async function createStaffRecord(db: Db, actor: Actor, input: StaffRecordInput) {
  const [member] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.companyId, actor.companyId),
        eq(memberships.userId, input.userId),
        ne(memberships.role, "resident"),
      ),
    )
    .limit(1);
  if (!member) throw AppError.field("userId", "hr.validation.notStaff", "not_found");
  await assertCommunity(db, actor.companyId, input.communityId);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(staffRecords)
        .values({ companyId: actor.companyId, ...input })
        .returning();
      await writeAudit(tx, {
        companyId: actor.companyId,
        actorUserId: actor.userId,
        action: "staff_record.create",
        entity: "staff_record",
        entityId: row.id,
        after: input,
      });
      return row;
    });
  } catch (e) {
    uniqueToField(e);
  }
}

/** Edits a record; the audit entry keeps the fields before and after. */
export async function updateStaffRecord(db: Db, actor: Actor, { id, ...input }: StaffRecordUpdate) {
  await assertCommunity(db, actor.companyId, input.communityId);
  const where = and(eq(staffRecords.companyId, actor.companyId), eq(staffRecords.id, id));
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(staffRecords).where(where);
      if (!before) throw new AppError("not_found");
      await tx.update(staffRecords).set(input).where(where);
      const old = Object.fromEntries(Object.keys(input).map((k) => [k, before[k as keyof typeof input]]));
      await writeAudit(tx, {
        companyId: actor.companyId,
        actorUserId: actor.userId,
        action: "staff_record.update",
        entity: "staff_record",
        entityId: id,
        before: old,
        after: input,
      });
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    uniqueToField(e);
  }
}
