/**
 * Buildings file: every row checked against the company's communities and buildings, then
 * planned as creates and updates. Pure: the snapshot comes in, errors and a plan go out.
 */
import { buildingCodeField, floorField, registryNameField } from "../schemas";
import { BUILDING_COLUMNS, type BuildingColumn } from "./columns";
import {
  checkCell,
  countInvalidRows,
  nameKey,
  sortErrors,
  type RowError,
  type SourceRow,
  type Validation,
} from "./table";

export interface ExistingBuilding {
  id: number;
  communityId: number;
  code: string;
  name: string;
  floors: number | null;
  active: boolean;
}

export interface BuildingsSnapshot {
  /** The company's communities by name key (see nameKey); `allowed`: the user may import into it. */
  communities: Map<string, { id: number; name: string; active: boolean; allowed: boolean }>;
  /** The company's buildings by `${communityId}|${CODE}`. */
  buildings: Map<string, ExistingBuilding>;
}

export interface BuildingValues {
  name: string;
  floors: number | null;
}

export interface BuildingsPlan {
  kind: "buildings";
  creates: ({ row: number; communityId: number; code: string } & BuildingValues)[];
  updates: {
    row: number;
    id: number;
    communityId: number;
    code: string;
    before: BuildingValues;
    after: BuildingValues;
  }[];
}

export const buildingKey = (communityId: number, code: string) => `${communityId}|${code.toUpperCase()}`;

/** The row's community, if it is known, allowed and active; otherwise an error on the row (unless the cell already had one). */
function checkCommunity(
  row: number,
  communityName: string | undefined,
  snapshot: BuildingsSnapshot,
  errors: RowError[],
): { id: number; name: string; active: boolean; allowed: boolean } | undefined {
  const found = communityName === undefined ? undefined : snapshot.communities.get(nameKey(communityName));
  if (communityName !== undefined && !found)
    errors.push({
      row,
      column: "community",
      problem: "import.problem.unknownCommunity",
      params: { value: communityName },
    });
  else if (found && !found.allowed)
    errors.push({
      row,
      column: "community",
      problem: "import.problem.communityNotAllowed",
      params: { value: found.name },
    });
  else if (found && !found.active)
    errors.push({
      row,
      column: "community",
      problem: "import.problem.communityInactive",
      params: { value: found.name },
    });
  return found?.allowed && found.active ? found : undefined;
}

/** A valid row planned against the stored building: a create, an update, unchanged, or an error if it is inactive. */
function planBuilding(
  values: { row: number; communityId: number; code: string; name: string; floors: number | null },
  snapshot: BuildingsSnapshot,
  plan: BuildingsPlan,
  errors: RowError[],
): "created" | "updated" | "unchanged" | "error" {
  const { row, communityId, code, name, floors } = values;
  const existing = snapshot.buildings.get(buildingKey(communityId, code));
  if (existing && !existing.active) {
    errors.push({
      row,
      column: "buildingCode",
      problem: "import.problem.buildingInactive",
      params: { value: existing.code },
    });
    return "error";
  }
  if (!existing) {
    plan.creates.push({ row, communityId, code, name, floors });
    return "created";
  }
  // An empty optional cell never erases what is stored.
  const after: BuildingValues = { name, floors: floors ?? existing.floors };
  const current: BuildingValues = { name: existing.name, floors: existing.floors };
  if (after.name === current.name && after.floors === current.floors) return "unchanged";
  plan.updates.push({
    row,
    id: existing.id,
    communityId,
    code: existing.code,
    before: current,
    after,
  });
  return "updated";
}

export function validateBuildings(
  rows: readonly SourceRow<BuildingColumn>[],
  snapshot: BuildingsSnapshot,
): Validation<BuildingsPlan> {
  const errors: RowError[] = [];
  const plan: BuildingsPlan = { kind: "buildings", creates: [], updates: [] };
  const seen = new Map<string, number>();
  let unchanged = 0;

  for (const { row, cells } of rows) {
    const before = errors.length;
    const communityName = checkCell(registryNameField, cells.community, { row, column: "community" }, errors);
    const code = checkCell(buildingCodeField, cells.buildingCode, { row, column: "buildingCode" }, errors);
    const name = checkCell(registryNameField, cells.buildingName, { row, column: "buildingName" }, errors);
    const floors = checkCell(floorField, cells.floors, { row, column: "floors" }, errors);
    if (floors !== undefined && floors !== null && floors < 1)
      errors.push({ row, column: "floors", problem: "validation.floor" });

    const community = checkCommunity(row, communityName, snapshot, errors);

    if (community && code !== undefined) {
      const key = buildingKey(community.id, code);
      const first = seen.get(key);
      if (first !== undefined)
        errors.push({
          row,
          column: "buildingCode",
          problem: "import.problem.duplicateBuilding",
          params: { row: first },
        });
      else seen.set(key, row);
    }
    if (errors.length > before || !community || code === undefined || name === undefined || floors === undefined)
      continue;

    if (planBuilding({ row, communityId: community.id, code, name, floors }, snapshot, plan, errors) === "unchanged")
      unchanged++;
  }

  return {
    rows: rows.length,
    errors: sortErrors(errors, BUILDING_COLUMNS),
    invalidRows: countInvalidRows(errors),
    plan,
    outcome: { created: plan.creates.length, updated: plan.updates.length, unchanged },
  };
}
