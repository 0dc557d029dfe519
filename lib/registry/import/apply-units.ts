import type { InStatement, ResultSet, Transaction } from "@libsql/client";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { householdContacts, householdUnits, households, units } from "@/db/schema";
import { unitAddress } from "../rules";
import { insertHouseholds } from "./units/insert-households";
import { unitKey, type Ref, type UnitsPlan } from "./units/model";
import { insertStatement, updateStatement } from "./write-sql";
import { counter, insertAudit, ROWS_PER_STATEMENT, type AuditEntry, type WriteContext } from "./apply";
import { chunk as chunks } from "@/lib/db/chunk";

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

/** The statements of one units plan on the open transaction, with the progress count. */
interface Writer {
  tx: Transaction;
  companyId: number;
  now: number;
  run: (statement: InStatement, rows: number) => Promise<ResultSet>;
  scope: (column: SQLiteColumn) => { companyColumn: SQLiteColumn; companyId: number };
}

export async function applyUnitsPlan(
  tx: Transaction,
  plan: UnitsPlan,
  ctx: WriteContext,
  buildingCodes: Map<number, string>,
): Promise<UnitsApplied> {
  const { companyId } = ctx;
  const now = Date.now();
  const step = counter(ctx, unitsPlanSize(plan));
  const w: Writer = {
    tx,
    companyId,
    now,
    run: async (statement, rows) => {
      const result = await tx.execute(statement);
      await step(rows);
      return result;
    },
    scope: (column) => ({ companyColumn: column, companyId }),
  };
  const created = await insertHouseholds(tx, plan, ctx, now, step);
  const householdId = (ref: Ref) => ("existing" in ref ? ref.existing : created.ids[ref.fresh]);
  const unitIds = await insertUnits(w, plan);
  const unitId = (ref: Ref) => ("existing" in ref ? ref.existing : unitIds[ref.fresh]);
  await updateUnitsAndHouseholds(w, plan);
  const day = ctx.importDay ?? new Date(now).toISOString().slice(0, 10);
  await writeLinks(w, plan, day, householdId, unitId);
  await writeContacts(w, plan, householdId);
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

/** The new units, in sets; their ids in plan order. */
async function insertUnits({ run, companyId, now }: Writer, plan: UnitsPlan): Promise<number[]> {
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
  for (const chunk of chunks(plan.unitCreates, ROWS_PER_STATEMENT)) {
    const rows = chunk.map((u) => [companyId, u.buildingId, u.number, u.floor, u.areaCentiM2, u.type, 1, now, now]);
    const result = await run(
      insertStatement(units, unitColumns, rows, [units.id, units.buildingId, units.number]),
      chunk.length,
    );
    const idOf = new Map(result.rows.map((r) => [unitKey(Number(r.building_id), String(r.number)), Number(r.id)]));
    for (const u of chunk) unitIds.push(idOf.get(unitKey(u.buildingId, u.number))!);
  }
  return unitIds;
}

/** Changed floor/area/type of stored units, and name/kind of stored households. */
async function updateUnitsAndHouseholds({ run, scope, now }: Writer, plan: UnitsPlan) {
  for (const chunk of chunks(plan.unitUpdates, ROWS_PER_STATEMENT)) {
    const rows = chunk.map((u) => [u.id, u.after.floor, u.after.areaCentiM2, u.after.type]);
    await run(
      updateStatement(units, units.id, [units.floor, units.areaCentiM2, units.type], rows, scope(units.companyId), {
        column: units.updatedAt,
        value: now,
      }),
      chunk.length,
    );
  }
  for (const chunk of chunks(plan.householdUpdates, ROWS_PER_STATEMENT)) {
    const rows = chunk.map((h) => [h.id, h.after.name, h.after.kind]);
    await run(
      updateStatement(
        households,
        households.id,
        [households.name, households.kind],
        rows,
        scope(households.companyId),
        { column: households.updatedAt, value: now },
      ),
      chunk.length,
    );
  }
}

/** New holdings, and units moving to another household (the old holding ends on the import day). */
async function writeLinks(
  { tx, run, companyId, now }: Writer,
  plan: UnitsPlan,
  day: string,
  householdId: (ref: Ref) => number,
  unitId: (ref: Ref) => number,
) {
  const linkColumns = [
    householdUnits.companyId,
    householdUnits.householdId,
    householdUnits.unitId,
    householdUnits.fromDate,
    householdUnits.createdAt,
  ];
  for (const chunk of chunks(plan.linkCreates, ROWS_PER_STATEMENT)) {
    await run(
      insertStatement(
        householdUnits,
        linkColumns,
        chunk.map((l) => [companyId, householdId(l.household), unitId(l.unit), l.fromDate ?? day, now]),
      ),
      chunk.length,
    );
  }
  for (const chunk of chunks(plan.linkMoves, ROWS_PER_STATEMENT)) {
    // A unit moving to another household: its holding ends on the import day (one that started today never was) and the new one starts.
    const ids = chunk.map((m) => m.unitId).join(", ");
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
        chunk.map((m) => [companyId, m.after, m.unitId, day, now]),
      ),
      chunk.length,
    );
  }
}

/** New contacts and changed ones. */
async function writeContacts(
  { run, scope, companyId, now }: Writer,
  plan: UnitsPlan,
  householdId: (ref: Ref) => number,
) {
  const contactColumns = [
    householdContacts.companyId,
    householdContacts.householdId,
    householdContacts.name,
    householdContacts.phone,
    householdContacts.email,
    householdContacts.isPrimary,
    householdContacts.createdAt,
  ];
  for (const chunk of chunks(plan.contactCreates, ROWS_PER_STATEMENT)) {
    const rows = chunk.map((c) => [
      companyId,
      householdId(c.household),
      c.name,
      c.phone,
      c.email,
      c.isPrimary ? 1 : 0,
      now,
    ]);
    await run(insertStatement(householdContacts, contactColumns, rows), chunk.length);
  }
  for (const chunk of chunks(plan.contactUpdates, ROWS_PER_STATEMENT)) {
    const rows = chunk.map((c) => [c.id, c.after.name, c.after.phone, c.after.email]);
    await run(
      updateStatement(
        householdContacts,
        householdContacts.id,
        [householdContacts.name, householdContacts.phone, householdContacts.email],
        rows,
        scope(householdContacts.companyId),
      ),
      chunk.length,
    );
  }
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
