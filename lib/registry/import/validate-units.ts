/**
 * Units & households file, imported into one community. Pure: rows + a snapshot of what the
 * community holds → row errors + the planned writes of the valid rows.
 *
 * Identity: a unit is (community, building code, unit number) — re-importing the same file
 * changes nothing. A household is found through its units, or through the household key:
 *   - key empty: the row is its own household (one household per unit), or no household at
 *     all when the household columns are empty too (a vacant unit);
 *   - the same key on several rows: one household holding all those units (flat + parking);
 *   - a key equal to an existing household's code (the code on its bills; exports write it):
 *     that household — its units in the file are attached to it, moved from another holder
 *     if need be.
 * Otherwise a household is the current holder of its units; units of one key held by
 * different households are an error (use the code of the one that should hold them).
 * Empty optional cells never erase stored data; the import adds and updates, never deletes.
 */
import { UNIT_COLUMNS, type UnitColumn } from "./columns";
import { countInvalidRows, sortErrors, type SourceRow, type Validation } from "./table";
import { groupHouseholds, resolveGroups } from "./units/households";
import { newFindings, type UnitsPlan, type UnitsSnapshot } from "./units/model";
import { parseRows } from "./units/parse-row";
import { emptyUnitsPlan, planHouseholds, planUnits } from "./units/plan";
import { timeSlicer, type Pause } from "@/lib/jobs/slice";

/**
 * Rows → row errors and the plan of the valid rows: parse each row, resolve the households, plan the writes.
 * A 50,000-row file takes seconds of JavaScript (zod on every cell): every step yields to the event
 * loop through `pause` (by default every SLICE_MS), so requests are served while a file is checked.
 */
export async function validateUnits(
  rows: readonly SourceRow<UnitColumn>[],
  snapshot: UnitsSnapshot,
  pause: Pause = timeSlicer(),
): Promise<Validation<UnitsPlan>> {
  const f = newFindings();
  // 1. Each row on its own; then duplicates of the same unit within the file.
  const parsed = await parseRows(rows, snapshot, f, pause);
  // 2. Households: group rows by key (or each row alone), then resolve each group's target.
  const resolved = await resolveGroups(await groupHouseholds(parsed, f, pause), snapshot, f, pause);
  // 3. The plan, from the rows still valid.
  const plan = emptyUnitsPlan(snapshot.communityId);
  const valid = parsed.filter((p) => !f.invalid.has(p.row));
  const effects = await planUnits(plan, valid, snapshot, pause);
  await planHouseholds(plan, resolved, snapshot, f, effects, pause);
  const { changedRows, createdRows } = effects;
  const updated = [...changedRows].filter((r) => !createdRows.has(r)).length;
  return {
    rows: rows.length,
    errors: sortErrors(f.errors, UNIT_COLUMNS),
    invalidRows: countInvalidRows(f.errors),
    plan,
    outcome: { created: createdRows.size, updated, unchanged: valid.length - createdRows.size - updated },
  };
}
