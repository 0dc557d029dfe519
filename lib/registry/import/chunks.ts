/**
 * A units import written in chunks of short write transactions (SPEC §10: no write
 * transaction over 250 ms at 50,000 households). The whole file is validated first, outside
 * any lock; then each chunk re-reads only its own units and their holders under the write
 * lock, validates its rows again against that (another writer may have changed them since)
 * and writes them. A chunk never splits the rows that may reach one household, so a chunk's
 * plan is the whole file's plan for those rows. The import is idempotent by unit: after a
 * crash between chunks, importing the same file again writes only what is still missing.
 */
import type { Db } from "@/lib/db/client";
import { normalizeHouseholdCode } from "../rules";
import { applyUnitsPlan, unitsPlanSize, type UnitsApplied } from "./apply-units";
import { type WriteContext } from "./apply";
import type { UnitColumn } from "./columns";
import { loadUnitsSnapshot } from "./snapshot";
import type { SourceRow, Validation } from "./table";
import { rawWriteTransaction } from "./write-sql";
import { unitKey, type UnitsPlan, type UnitsSnapshot } from "./units/model";
import { validateUnits } from "./validate-units";
import { timeSlicer, yieldToLoop, type Pause } from "@/lib/jobs/slice";

/** Rows per chunk. bench:import at 50,000 households on the loaded 2-core machine: longest write transaction 127–141 ms with 500 rows, 189–211 ms with 1,000. */
export const CHUNK_ROWS = 500;

const SAMPLE = 100;

/** The unitKey a row names, when its building exists. */
function rowUnitKey(row: SourceRow<UnitColumn>, snapshot: UnitsSnapshot) {
  const building = snapshot.buildings.get(row.cells.buildingCode.trim().toUpperCase());
  return building ? unitKey(building.id, row.cells.unitNumber.trim()) : null;
}

/**
 * The (building id, number) pairs a chunk re-reads for a row: the number as stored and as the
 * file spells it, upper and lower case (numbers compare case-insensitively, the index does not).
 */
function unitPairs(row: SourceRow<UnitColumn>, snapshot: UnitsSnapshot): [number, string][] {
  const building = snapshot.buildings.get(row.cells.buildingCode.trim().toUpperCase());
  if (!building) return [];
  const number = row.cells.unitNumber.trim();
  const stored = snapshot.units.get(unitKey(building.id, number))?.number;
  return [...new Set([number, number.toUpperCase(), number.toLowerCase(), stored ?? number])].map((n) => [
    building.id,
    n,
  ]);
}

/** A chunk's rows and the units it re-reads under the lock. */
export interface Chunk {
  rows: SourceRow<UnitColumn>[];
  pairs: [number, string][];
}

/**
 * Splits rows into chunks of about `size` rows, keeping together rows of one household key,
 * unit or current holder. The result holds no reference to the snapshot (freed before writing).
 * Yields to the event loop through `pause` (50,000 rows are ~100 ms of work).
 */
export async function householdChunks(
  rows: readonly SourceRow<UnitColumn>[],
  snapshot: UnitsSnapshot,
  size = CHUNK_ROWS,
  pause: Pause = timeSlicer(),
): Promise<Chunk[]> {
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const owner = new Map<string, number>();
  const link = (token: string, i: number) => {
    const j = owner.get(token);
    if (j === undefined) owner.set(token, i);
    else parent[find(i)] = find(j);
  };
  for (const [i, row] of rows.entries()) {
    await pause();
    const key = row.cells.householdKey.trim().toUpperCase();
    if (key) {
      link(`k:${key}`, i);
      const named = snapshot.householdIdByCode.get(normalizeHouseholdCode(key));
      if (named !== undefined) link(`h:${named}`, i);
    }
    const unit = rowUnitKey(row, snapshot);
    if (!unit) continue;
    link(`u:${unit}`, i);
    const holder = snapshot.units.get(unit)?.householdId;
    if (holder != null) link(`h:${holder}`, i);
  }
  const groups = new Map<number, SourceRow<UnitColumn>[]>();
  for (const [i, row] of rows.entries()) {
    await pause();
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(row);
    else groups.set(root, [row]);
  }
  const out: SourceRow<UnitColumn>[][] = [];
  let current: SourceRow<UnitColumn>[] = [];
  for (const group of groups.values()) {
    if (current.length > 0 && current.length + group.length > size) {
      out.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length > 0) out.push(current);
  const chunks: Chunk[] = [];
  for (const chunk of out) {
    await pause();
    chunks.push({ rows: chunk, pairs: chunk.flatMap((r) => unitPairs(r, snapshot)) });
  }
  return chunks;
}

export interface ChunkRun {
  companyId: number;
  communityId: number;
  validOnly: boolean;
  write: WriteContext;
  buildingCodes: Map<number, string>;
  /** Rows the whole file's plan writes (progress total). */
  total: number;
  /** Called after each committed chunk (tests simulate a crash between chunks through it). */
  onChunkCommitted?: (index: number) => void | Promise<void>;
}

export type ChunksResult =
  | { status: "done"; outcome: Validation<UnitsPlan>["outcome"]; skipped: number; units: UnitsApplied }
  /** A chunk's re-check found errors (the registry changed since the check); earlier chunks stay written. */
  | { status: "stopped"; validation: Validation<UnitsPlan> };

function addApplied(into: UnitsApplied, more: UnitsApplied) {
  into.households.push(...more.households.slice(0, SAMPLE - into.households.length));
  for (const k of Object.keys(into.counts) as (keyof UnitsApplied["counts"])[]) into.counts[k] += more.counts[k];
}

/** One chunk in one short write transaction: re-read its units, re-validate, write. */
async function runChunk(db: Db, run: ChunkRun, { rows, pairs }: Chunk, offset: number) {
  const householdKeys = rows.map((r) => r.cells.householdKey).filter(Boolean);
  return rawWriteTransaction(db, async (tx) => {
    // Read on the client's other connections while this transaction holds the write lock: nothing changes meanwhile.
    const fresh = await loadUnitsSnapshot(db, run.companyId, run.communityId, householdKeys, pairs);
    const validation = await validateUnits(rows, fresh);
    if (validation.invalidRows > 0 && !run.validOnly) return { validation, applied: null, commit: false };
    const write = {
      ...run.write,
      onProgress: run.write.onProgress && ((done: number) => run.write.onProgress!(offset + done, run.total)),
    };
    const applied = await applyUnitsPlan(tx, validation.plan, write, run.buildingCodes);
    return { validation, applied, commit: true };
  });
}

/** Writes the chunks one short write transaction each, in order. */
export async function writeUnitsInChunks(db: Db, run: ChunkRun, chunks: Chunk[]): Promise<ChunksResult> {
  const outcome = { created: 0, updated: 0, unchanged: 0 };
  const units: UnitsApplied = {
    households: [],
    counts: {
      unitsCreated: 0,
      unitsUpdated: 0,
      householdsCreated: 0,
      householdsUpdated: 0,
      contactsCreated: 0,
      contactsUpdated: 0,
      linksChanged: 0,
    },
  };
  let skipped = 0;
  let offset = 0;
  for (const [index, chunk] of chunks.entries()) {
    const { validation, applied } = await runChunk(db, run, chunk, offset);
    if (!applied) return { status: "stopped", validation };
    offset += unitsPlanSize(validation.plan);
    skipped += validation.invalidRows;
    for (const k of ["created", "updated", "unchanged"] as const) outcome[k] += validation.outcome[k];
    addApplied(units, applied);
    await run.onChunkCommitted?.(index);
    await yieldToLoop(); // requests first, then the next chunk
  }
  return { status: "done", outcome, skipped, units };
}
