import {
  existingUnitOf,
  type Contact,
  type ContactValues,
  type ExistingHousehold,
  type Findings,
  type HouseholdData,
  type ParsedRow,
  type Ref,
  type UnitsPlan,
  type UnitsSnapshot,
  type UnitValues,
} from "./model";
import type { Group } from "./households";
import type { Pause } from "@/lib/jobs/slice";

export const emptyUnitsPlan = (communityId: number): UnitsPlan => ({
  kind: "units",
  communityId,
  unitCreates: [],
  unitUpdates: [],
  householdCreates: [],
  householdUpdates: [],
  contactCreates: [],
  contactUpdates: [],
  linkCreates: [],
  linkMoves: [],
});

/** Which rows create or change something, and each row's unit (stored or planned). */
export interface RowEffects {
  unitRef: Map<number, Ref>;
  changedRows: Set<number>;
  createdRows: Set<number>;
}

/** Step 3a: a new unit per row whose unit is not stored; an update where floor, area or type differ. */
export async function planUnits(
  plan: UnitsPlan,
  valid: ParsedRow[],
  snapshot: UnitsSnapshot,
  pause: Pause,
): Promise<RowEffects> {
  const effects: RowEffects = { unitRef: new Map(), changedRows: new Set(), createdRows: new Set() };
  for (const p of valid) {
    await pause();
    const existing = existingUnitOf(snapshot, p);
    if (!existing) {
      effects.unitRef.set(p.row, { fresh: plan.unitCreates.length });
      plan.unitCreates.push({
        row: p.row,
        buildingId: p.buildingId,
        number: p.number,
        floor: p.floor,
        areaCentiM2: p.area,
        type: p.type ?? "residential",
      });
      effects.createdRows.add(p.row);
      continue;
    }
    effects.unitRef.set(p.row, { existing: existing.id });
    const before: UnitValues = { floor: existing.floor, areaCentiM2: existing.areaCentiM2, type: existing.type };
    const after: UnitValues = { floor: p.floor ?? existing.floor, areaCentiM2: p.area, type: p.type ?? existing.type };
    if (before.floor !== after.floor || before.areaCentiM2 !== after.areaCentiM2 || before.type !== after.type) {
      plan.unitUpdates.push({
        row: p.row,
        id: existing.id,
        buildingId: p.buildingId,
        number: existing.number,
        before,
        after,
      });
      effects.changedRows.add(p.row);
    }
  }
  return effects;
}

/** A household the plan creates, with its contacts; its reference in the plan. */
function planNewHousehold(plan: UnitsPlan, row: number, data: HouseholdData): Ref {
  const target = { fresh: plan.householdCreates.length };
  plan.householdCreates.push({ row, name: data.name!, kind: data.kind ?? "owner" });
  const c1 = data.contact1!;
  plan.contactCreates.push({
    household: target,
    isPrimary: true,
    name: c1.name,
    phone: c1.phone,
    email: data.email ?? null,
  });
  if (data.contact2)
    plan.contactCreates.push({
      household: target,
      isPrimary: false,
      name: data.contact2.name,
      phone: data.contact2.phone,
      email: null,
    });
  return target;
}

/** Step 3b: per household, its creation or changes, then its holdings of the rows' units. */
export async function planHouseholds(
  plan: UnitsPlan,
  resolved: Group[],
  snapshot: UnitsSnapshot,
  f: Findings,
  { unitRef, changedRows }: RowEffects,
  pause: Pause,
) {
  for (const group of resolved) {
    await pause();
    const rowsLeft = group.rows.filter((p) => !f.invalid.has(p.row));
    if (rowsLeft.length === 0) continue;
    const { data } = group;
    let target: Ref;
    let householdChanged = false;
    if (group.existingId !== null) {
      target = { existing: group.existingId };
      householdChanged = planExistingHousehold(plan, snapshot.households.get(target.existing)!, data);
    } else target = planNewHousehold(plan, rowsLeft[0].row, data);
    for (const p of rowsLeft) {
      const unit = existingUnitOf(snapshot, p);
      const holder = unit?.householdId ?? null;
      if ("existing" in target && holder === target.existing) {
        if (householdChanged) changedRows.add(p.row);
        continue;
      }
      const at = { buildingId: p.buildingId, number: unit?.number ?? p.number };
      if (holder === null)
        plan.linkCreates.push({ household: target, unit: unitRef.get(p.row)!, ...at, fromDate: p.fromDate });
      // A dated change of holder is a transfer (过户: statement, arrears stay): the transfer command, not the import.
      else if (p.fromDate) {
        f.reject(p.row, { column: "fromDate", problem: "import.problem.fromDateOnMove" });
        continue;
      }
      // Only a household named by its code takes a unit from another holder (see validate-units.ts).
      else if (unit && "existing" in target)
        plan.linkMoves.push({ unitId: unit.id, ...at, before: holder, after: target.existing });
      changedRows.add(p.row);
    }
  }
}

/** Household name/kind and contact slots 1–2 of an existing household; true when anything changes. */
function planExistingHousehold(plan: UnitsPlan, household: ExistingHousehold, data: HouseholdData): boolean {
  let changed = false;
  const before = { name: household.name, kind: household.kind };
  const after = { name: data.name ?? household.name, kind: data.kind ?? household.kind };
  if (before.name !== after.name || before.kind !== after.kind) {
    plan.householdUpdates.push({ id: household.id, code: household.code, before, after });
    changed = true;
  }
  const slots: [Contact | undefined, string | undefined][] = [
    [data.contact1, data.email],
    [data.contact2, undefined],
  ];
  slots.forEach(([contact, email], slot) => {
    if (!contact) return;
    const current = household.contacts[slot];
    if (!current) {
      plan.contactCreates.push({
        household: { existing: household.id },
        isPrimary: slot === 0 && household.contacts.length === 0,
        name: contact.name,
        phone: contact.phone,
        email: email ?? null,
      });
      changed = true;
      return;
    }
    const was: ContactValues = { name: current.name, phone: current.phone, email: current.email };
    const now: ContactValues = { name: contact.name, phone: contact.phone, email: email ?? current.email };
    if (was.name !== now.name || was.phone !== now.phone || was.email !== now.email) {
      plan.contactUpdates.push({ id: current.id, householdId: household.id, before: was, after: now });
      changed = true;
    }
  });
  return changed;
}
