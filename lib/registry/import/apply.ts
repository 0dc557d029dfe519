/**
 * Writes a validated plan in sets — multi-row INSERTs and UPDATE … FROM (VALUES …) of a few
 * hundred rows per statement, never a statement per row — on the caller's open write
 * transaction, so that a failure anywhere leaves nothing written. Every statement is scoped
 * to the company.
 */
import type { InStatement, Transaction } from "@libsql/client";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { auditLog, buildings, householdContacts, householdUnits, households, units } from "@/db/schema";
import { isUniqueViolation } from "@/lib/db/errors";
import { newHouseholdCode } from "../codes";
import { unitAddress } from "../rules";
import type { BuildingsPlan } from "./validate-buildings";
import { unitKey, type Ref, type UnitsPlan } from "./validate-units";
import { insertStatement, updateStatement, type SqlValue } from "./write-sql";
import { chunk } from "@/lib/db/chunk";

export const ROWS_PER_STATEMENT = 500;
const CODE_ATTEMPTS = 5;

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

function counter(ctx: WriteContext, total: number) {
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
  for (const part of chunk(entries, 200)) {
    const rows = part.map((e): SqlValue[] => [
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
  for (const part of chunk(plan.creates, ROWS_PER_STATEMENT)) {
    await tx.execute(
      insertStatement(
        buildings,
        columns,
        part.map((b) => [ctx.companyId, b.communityId, b.code, b.name, b.floors, 1, now, now]),
      ),
    );
    await step(part.length);
  }
  for (const part of chunk(plan.updates, ROWS_PER_STATEMENT)) {
    const rows = part.map((u) => [u.id, u.after.name, u.after.floors]);
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
    await step(part.length);
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

export interface AppliedHousehold {
  code: string;
  name: string;
  status: "created" | "updated";
  units: string[];
}

export interface UnitsApplied {
  /** The first households created or updated, with their new units, for the result page. */
  households: AppliedHousehold[];
  counts: {
    unitsCreated: number;
    unitsUpdated: number;
    householdsCreated: number;
    householdsUpdated: number;
    contactsCreated: number;
    contactsUpdated: number;
    linksChanged: number;
  };
}

const SAMPLE = 100;

/** Inserts the new households with fresh codes; on the rare code collision, new codes for the chunk. */
async function insertHouseholds(
  tx: Transaction,
  plan: UnitsPlan,
  ctx: WriteContext,
  now: number,
  step: (n: number) => Promise<void>,
) {
  const newCode = ctx.newCode ?? newHouseholdCode;
  const used = new Set<string>();
  const fresh = () => {
    let code = newCode();
    while (used.has(code)) code = newCode();
    used.add(code);
    return code;
  };
  const ids: number[] = [];
  const codes: string[] = [];
  const columns = [
    households.companyId,
    households.name,
    households.kind,
    households.code,
    households.active,
    households.createdAt,
    households.updatedAt,
  ];
  for (const part of chunk(plan.householdCreates, ROWS_PER_STATEMENT)) {
    for (let attempt = 1; ; attempt++) {
      const chunkCodes = part.map(fresh);
      const statement = insertStatement(
        households,
        columns,
        part.map((h, i) => [ctx.companyId, h.name, h.kind, chunkCodes[i], 1, now, now]),
        [households.id, households.code],
      );
      try {
        const result = await tx.execute(statement);
        const idOf = new Map(result.rows.map((r) => [String(r.code), Number(r.id)]));
        for (const code of chunkCodes) {
          ids.push(idOf.get(code)!);
          codes.push(code);
        }
        break;
      } catch (e) {
        // households.code is unique across every company; a failed statement leaves the transaction open.
        if (attempt >= CODE_ATTEMPTS || !isUniqueViolation(e, "households.code")) throw e;
      }
    }
    await step(part.length);
  }
  return { ids, codes };
}

/** The rows a units plan writes (what progress counts). */
export function unitsPlanSize(plan: UnitsPlan) {
  return (
    plan.householdCreates.length +
    plan.unitCreates.length +
    plan.unitUpdates.length +
    plan.householdUpdates.length +
    plan.linkCreates.length +
    plan.linkMoves.length +
    plan.contactCreates.length +
    plan.contactUpdates.length
  );
}

export async function applyUnitsPlan(
  tx: Transaction,
  plan: UnitsPlan,
  ctx: WriteContext,
  buildingCodes: Map<number, string>,
): Promise<UnitsApplied> {
  const { companyId } = ctx;
  const scope = (column: SQLiteColumn) => ({ companyColumn: column, companyId });
  const now = Date.now();
  const step = counter(ctx, unitsPlanSize(plan));
  const run = async (statement: InStatement, rows: number) => {
    const result = await tx.execute(statement);
    await step(rows);
    return result;
  };

  const created = await insertHouseholds(tx, plan, ctx, now, step);
  const householdId = (ref: Ref) => ("existing" in ref ? ref.existing : created.ids[ref.fresh]);

  const unitIds: number[] = [];
  const unitColumns = [
    units.companyId,
    units.buildingId,
    units.number,
    units.floor,
    units.areaCentiM2,
    units.type,
    units.active,
    units.createdAt,
    units.updatedAt,
  ];
  for (const part of chunk(plan.unitCreates, ROWS_PER_STATEMENT)) {
    const rows = part.map((u) => [companyId, u.buildingId, u.number, u.floor, u.areaCentiM2, u.type, 1, now, now]);
    const result = await run(
      insertStatement(units, unitColumns, rows, [units.id, units.buildingId, units.number]),
      part.length,
    );
    const idOf = new Map(result.rows.map((r) => [unitKey(Number(r.building_id), String(r.number)), Number(r.id)]));
    for (const u of part) unitIds.push(idOf.get(unitKey(u.buildingId, u.number))!);
  }
  const unitId = (ref: Ref) => ("existing" in ref ? ref.existing : unitIds[ref.fresh]);

  for (const part of chunk(plan.unitUpdates, ROWS_PER_STATEMENT)) {
    const rows = part.map((u) => [u.id, u.after.floor, u.after.areaCentiM2, u.after.type]);
    await run(
      updateStatement(units, units.id, [units.floor, units.areaCentiM2, units.type], rows, scope(units.companyId), {
        column: units.updatedAt,
        value: now,
      }),
      part.length,
    );
  }
  for (const part of chunk(plan.householdUpdates, ROWS_PER_STATEMENT)) {
    const rows = part.map((h) => [h.id, h.after.name, h.after.kind]);
    await run(
      updateStatement(
        households,
        households.id,
        [households.name, households.kind],
        rows,
        scope(households.companyId),
        { column: households.updatedAt, value: now },
      ),
      part.length,
    );
  }
  const day = ctx.importDay ?? new Date(now).toISOString().slice(0, 10);
  const linkColumns = [
    householdUnits.companyId,
    householdUnits.householdId,
    householdUnits.unitId,
    householdUnits.fromDate,
    householdUnits.createdAt,
  ];
  for (const part of chunk(plan.linkCreates, ROWS_PER_STATEMENT)) {
    await run(
      insertStatement(
        householdUnits,
        linkColumns,
        part.map((l) => [companyId, householdId(l.household), unitId(l.unit), l.fromDate ?? day, now]),
      ),
      part.length,
    );
  }
  for (const part of chunk(plan.linkMoves, ROWS_PER_STATEMENT)) {
    // A unit moving to another household: its holding ends on the import day (one that started today never was) and the new one starts.
    const ids = part.map((m) => m.unitId).join(", ");
    await tx.execute({
      sql: `delete from household_units where company_id = ? and to_date is null and from_date >= ? and unit_id in (${ids})`,
      args: [companyId, day],
    });
    await tx.execute({
      sql: `update household_units set to_date = ? where company_id = ? and to_date is null and unit_id in (${ids})`,
      args: [day, companyId],
    });
    await run(
      insertStatement(
        householdUnits,
        linkColumns,
        part.map((m) => [companyId, m.after, m.unitId, day, now]),
      ),
      part.length,
    );
  }
  const contactColumns = [
    householdContacts.companyId,
    householdContacts.householdId,
    householdContacts.name,
    householdContacts.phone,
    householdContacts.email,
    householdContacts.isPrimary,
    householdContacts.createdAt,
  ];
  for (const part of chunk(plan.contactCreates, ROWS_PER_STATEMENT)) {
    const rows = part.map((c) => [
      companyId,
      householdId(c.household),
      c.name,
      c.phone,
      c.email,
      c.isPrimary ? 1 : 0,
      now,
    ]);
    await run(insertStatement(householdContacts, contactColumns, rows), part.length);
  }
  for (const part of chunk(plan.contactUpdates, ROWS_PER_STATEMENT)) {
    const rows = part.map((c) => [c.id, c.after.name, c.after.phone, c.after.email]);
    await run(
      updateStatement(
        householdContacts,
        householdContacts.id,
        [householdContacts.name, householdContacts.phone, householdContacts.email],
        rows,
        scope(householdContacts.companyId),
      ),
      part.length,
    );
  }

  await insertAudit(tx, ctx, updateAuditEntries(plan, buildingCodes));
  return {
    households: sampleHouseholds(plan, created.codes, buildingCodes),
    counts: {
      unitsCreated: plan.unitCreates.length,
      unitsUpdated: plan.unitUpdates.length,
      householdsCreated: plan.householdCreates.length,
      householdsUpdated: plan.householdUpdates.length,
      contactsCreated: plan.contactCreates.length,
      contactsUpdated: plan.contactUpdates.length,
      linksChanged: plan.linkCreates.length + plan.linkMoves.length,
    },
  };
}

/** Before/after of every updated row (creates are counted in the run's summary entry). */
function updateAuditEntries(plan: UnitsPlan, buildingCodes: Map<number, string>): AuditEntry[] {
  const action = "registry.import.update";
  const address = (buildingId: number, number: string) => unitAddress(buildingCodes.get(buildingId) ?? "?", number);
  return [
    ...plan.unitUpdates.map((u) => {
      const unit = address(u.buildingId, u.number);
      return { action, entity: "unit", entityId: u.id, before: { unit, ...u.before }, after: { unit, ...u.after } };
    }),
    ...plan.householdUpdates.map((h) => ({
      action,
      entity: "household",
      entityId: h.id,
      before: { code: h.code, ...h.before },
      after: { code: h.code, ...h.after },
    })),
    ...plan.contactUpdates.map((c) => ({
      action,
      entity: "household_contact",
      entityId: c.id,
      before: { householdId: c.householdId, ...c.before },
      after: { householdId: c.householdId, ...c.after },
    })),
    ...plan.linkMoves.map((m) => {
      const unit = address(m.buildingId, m.number);
      return {
        action,
        entity: "household_unit",
        entityId: m.unitId,
        before: { unit, householdId: m.before },
        after: { unit, householdId: m.after },
      };
    }),
  ];
}

function sampleHouseholds(plan: UnitsPlan, codes: string[], buildingCodes: Map<number, string>): AppliedHousehold[] {
  const out: AppliedHousehold[] = [];
  const byFresh = new Map<number, AppliedHousehold>();
  for (const [i, h] of plan.householdCreates.slice(0, SAMPLE).entries()) {
    const entry: AppliedHousehold = { code: codes[i], name: h.name, status: "created", units: [] };
    byFresh.set(i, entry);
    out.push(entry);
  }
  for (const link of plan.linkCreates) {
    if ("fresh" in link.household)
      byFresh
        .get(link.household.fresh)
        ?.units.push(unitAddress(buildingCodes.get(link.buildingId) ?? "?", link.number));
  }
  for (const h of plan.householdUpdates.slice(0, SAMPLE - out.length))
    out.push({ code: h.code, name: h.after.name, status: "updated", units: [] });
  return out;
}
