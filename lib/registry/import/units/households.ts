import { normalizeHouseholdCode } from "../../rules";
import type { RowError } from "../table";
import type { Pause } from "@/lib/jobs/slice";
import { existingUnitOf, type Findings, type HouseholdData, type ParsedRow, type UnitsSnapshot } from "./model";

export interface Group {
  /** The rows of this household, in file order. */
  rows: ParsedRow[];
  data: HouseholdData;
  /** An existing household's id, or null for a household this import creates. */
  existingId: number | null;
}

const DATA_FIELDS = [
  ["name", "householdName"],
  ["kind", "householdKind"],
  ["contact1", "contact1Name"],
  ["contact2", "contact2Name"],
  ["email", "email"],
] as const;

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Folds a row's household cells into the group's: cells it leaves empty are fine, cells that
 * differ from what an earlier row of the same household said are an error on that row.
 */
function mergeInto(
  group: HouseholdData,
  data: HouseholdData,
  row: number,
  firstRow: number,
  errors: RowError[],
): boolean {
  const conflicts = DATA_FIELDS.filter(
    ([field]) => data[field] !== undefined && group[field] !== undefined && !sameValue(data[field], group[field]),
  );
  for (const [, column] of conflicts)
    errors.push({ row, column, problem: "import.problem.householdMismatch", params: { row: firstRow } });
  if (conflicts.length) return false;
  for (const [field] of DATA_FIELDS)
    if (data[field] !== undefined && group[field] === undefined) Object.assign(group, { [field]: data[field] });
  return true;
}

/** Step 2a: rows grouped by household key (or each row with household cells alone), their cells merged. */
export async function groupHouseholds(parsed: ParsedRow[], f: Findings, pause: Pause) {
  const groups = new Map<string, Group>();
  for (const p of parsed) {
    await pause();
    if (!p.key && !p.household) continue;
    const id = p.key ? `k:${p.key}` : `r:${p.row}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { rows: [], data: {}, existingId: null }));
    if (p.household && !mergeInto(group.data, p.household, p.row, group.rows[0]?.row ?? p.row, f.errors)) {
      f.invalid.add(p.row);
      continue;
    }
    group.rows.push(p);
  }
  return groups;
}

/**
 * The household a group means: the one named by its code, else the current holder of its units,
 * else none (undefined: a new household). Null when the group is refused (its rows rejected).
 */
function targetOf(group: Group, snapshot: UnitsSnapshot, f: Findings): number | undefined | null {
  const key = group.rows[0].key;
  const named = key ? snapshot.householdIdByCode.get(normalizeHouseholdCode(key)) : undefined;
  if (named !== undefined && !snapshot.households.get(named)?.active) {
    for (const p of group.rows)
      f.reject(p.row, { column: "householdKey", problem: "import.problem.householdInactive" });
    return null;
  }
  if (named !== undefined) return named;
  const holders = new Set(
    group.rows.map((p) => existingUnitOf(snapshot, p)?.householdId).filter((h): h is number => h != null),
  );
  if (holders.size > 1) {
    for (const p of group.rows)
      f.reject(p.row, { column: key ? "householdKey" : "householdName", problem: "import.problem.householdConflict" });
    return null;
  }
  return holders.values().next().value;
}

/** Step 2b: each group's target household; groups reaching the same household are merged; new ones checked. */
export async function resolveGroups(
  groups: Map<string, Group>,
  snapshot: UnitsSnapshot,
  f: Findings,
  pause: Pause,
): Promise<Group[]> {
  const byExisting = new Map<number, Group>();
  const resolved: Group[] = [];
  for (const group of groups.values()) {
    await pause();
    if (group.rows.length === 0) continue;
    const targetId = targetOf(group, snapshot, f);
    if (targetId === null) continue;
    if (targetId === undefined) {
      // A new household needs a name and a first contact.
      const missing = !group.data.name ? "householdName" : !group.data.contact1 ? "contact1Name" : null;
      if (missing) {
        const problem = missing === "householdName" ? "validation.required" : "validation.contactsRequired";
        for (const p of group.rows) f.reject(p.row, { column: missing, problem });
        continue;
      }
      resolved.push(group);
      continue;
    }
    // Several groups can reach the same household (rows without a key whose units it already holds).
    const earlier = byExisting.get(targetId);
    if (earlier) {
      const kept: ParsedRow[] = [];
      for (const p of group.rows) {
        if (p.household && !mergeInto(earlier.data, p.household, p.row, earlier.rows[0].row, f.errors))
          f.invalid.add(p.row);
        else kept.push(p);
      }
      earlier.rows.push(...kept);
      continue;
    }
    group.existingId = targetId;
    byExisting.set(targetId, group);
    resolved.push(group);
  }
  return resolved;
}
