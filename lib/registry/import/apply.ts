/**
 * Writes a validated plan in sets — multi-row INSERTs and UPDATE … FROM (VALUES …) of a few
 * hundred rows per statement, never a statement per row — on the caller's open write
 * transaction, so that a failure anywhere leaves nothing written. Every statement is scoped
 * to the company.
 */
import { chunk as chunks } from "@/lib/db/chunk";
import type { Transaction } from "@libsql/client";
import { auditLog, buildings } from "@/db/schema";
import type { BuildingsPlan } from "./validate-buildings";
import { insertStatement, updateStatement, type SqlValue } from "./write-sql";

export const ROWS_PER_STATEMENT = 500;

export interface WriteContext {
  companyId: number;
  actorUserId: number | null;
  /** Called after each statement with rows written so far and rows to write in all. */
  onProgress?: (done: number, total: number) => void | Promise<void>;
  /** Household code source (tests force collisions through it). */
  newCode?: () => string;
  /** The import day "YYYY-MM-DD" (company time zone): the first day of the holdings it creates or moves; default today in UTC. */
  importDay?: string;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

export function counter(ctx: WriteContext, total: number) {
  let done = 0;
  return async (n: number) => {
    done += n;
    await ctx.onProgress?.(done, total);
  };
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/** Audit entries in multi-row inserts, on the same transaction. */
export async function insertAudit(tx: Transaction, ctx: WriteContext, entries: readonly AuditEntry[]) {
  const now = Date.now();
  const columns = [
    auditLog.companyId,
    auditLog.actorUserId,
    auditLog.action,
    auditLog.entity,
    auditLog.entityId,
    auditLog.before,
    auditLog.after,
    auditLog.createdAt,
  ];
  for (const chunk of chunks(entries, 200)) {
    const rows = chunk.map((e): SqlValue[] => [
      ctx.companyId,
      ctx.actorUserId,
      e.action,
      e.entity,
      e.entityId == null ? null : String(e.entityId),
      json(e.before),
      json(e.after),
      now,
    ]);
    await tx.execute(insertStatement(auditLog, columns, rows));
  }
}

/* ---------------- buildings ---------------- */

export async function applyBuildingsPlan(tx: Transaction, plan: BuildingsPlan, ctx: WriteContext) {
  const now = Date.now();
  const step = counter(ctx, plan.creates.length + plan.updates.length);
  const columns = [
    buildings.companyId,
    buildings.communityId,
    buildings.code,
    buildings.name,
    buildings.floors,
    buildings.active,
    buildings.createdAt,
    buildings.updatedAt,
  ];
  for (const chunk of chunks(plan.creates, ROWS_PER_STATEMENT)) {
    await tx.execute(
      insertStatement(
        buildings,
        columns,
        chunk.map((b) => [ctx.companyId, b.communityId, b.code, b.name, b.floors, 1, now, now]),
      ),
    );
    await step(chunk.length);
  }
  for (const chunk of chunks(plan.updates, ROWS_PER_STATEMENT)) {
    const rows = chunk.map((u) => [u.id, u.after.name, u.after.floors]);
    await tx.execute(
      updateStatement(
        buildings,
        buildings.id,
        [buildings.name, buildings.floors],
        rows,
        { companyColumn: buildings.companyId, companyId: ctx.companyId },
        { column: buildings.updatedAt, value: now },
      ),
    );
    await step(chunk.length);
  }
  await insertAudit(
    tx,
    ctx,
    plan.updates.map((u) => ({
      action: "registry.import.update",
      entity: "building",
      entityId: u.id,
      before: { code: u.code, ...u.before },
      after: { code: u.code, ...u.after },
    })),
  );
}

/* ---------------- units & households ---------------- */
