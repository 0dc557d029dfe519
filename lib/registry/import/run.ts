/**
 * The import end to end: bytes → decode → parse → header → validate against the company's
 * registry → (write). `checkImport` only reports; `runImport` validates the whole file before
 * taking any write lock, then writes in short transactions that each re-check what they write
 * (buildings: one transaction; units: chunks, see chunks.ts), with one audit entry
 * summarising the run.
 */
import { AppError } from "@/lib/actions/result";

import { analyzeDb, ANALYZE_AFTER_ROWS } from "@/lib/db/analyze";
import type { Db, DbOrTx } from "@/lib/db/client";
import { companyTimeZone } from "@/lib/tenancy/queries";
import { applyBuildingsPlan, insertAudit } from "./apply";
import { unitsPlanSize, type UnitsApplied } from "./apply-units";
import { householdChunks, writeUnitsInChunks } from "./chunks";
import { rawWriteTransaction } from "./write-sql";
import {
  BUILDING_COLUMNS,
  columnLetter,
  headerOf,
  UNIT_COLUMNS,
  type BuildingColumn,
  type ColumnDef,
  type ColumnKey,
  type ImportKind,
  type UnitColumn,
} from "./columns";
import { readCsvFile, type Encoding, type FileProblem } from "./parse";
import { EVERY_COMMUNITY, type ImportScope } from "./scope";
import { findCommunity, loadBuildingsSnapshot, loadUnitsSnapshot } from "./snapshot";
import { tableOf, type RowError, type SourceRow, type Table, type Validation } from "./table";
import { validateBuildings, type BuildingsPlan } from "./validate-buildings";
import { validateUnits } from "./validate-units";
import { localDate } from "@/lib/time/zone";
import { type UnitsPlan, type UnitsSnapshot } from "./units/model";

export interface ImportFile {
  kind: ImportKind;
  /** The community a units file goes into; ignored for buildings (their rows name the community). */
  communityId: number | null;
  bytes: Uint8Array;
  name?: string;
  type?: string;
}

export interface ColumnInfo {
  key: ColumnKey;
  /** The header as the file has it, and its spreadsheet letter. */
  header: string;
  letter: string;
}

export interface CheckReport {
  kind: ImportKind;
  community: { id: number; name: string } | null;
  fileProblem: FileProblem | null;
  encoding: Encoding | null;
  columns: ColumnInfo[];
  ignoredColumns: string[];
  rows: number;
  invalidRows: number;
  errors: RowError[];
  outcome: { created: number; updated: number; unchanged: number };
}

type Prepared =
  { kind: "buildings"; rows: SourceRow<BuildingColumn>[] } | { kind: "units"; rows: SourceRow<UnitColumn>[] };

interface Read {
  report: CheckReport;
  prepared: Prepared | null;
}

/** The report of a file refused before it was read (e.g. too large to read). */
export function fileProblemReport(kind: ImportKind, fileProblem: FileProblem): CheckReport {
  return { ...emptyReport(kind, null), fileProblem };
}

function emptyReport(kind: ImportKind, community: CheckReport["community"]): CheckReport {
  return {
    kind,
    community,
    fileProblem: null,
    encoding: null,
    columns: [],
    ignoredColumns: [],
    rows: 0,
    invalidRows: 0,
    errors: [],
    outcome: { created: 0, updated: 0, unchanged: 0 },
  };
}

/** A units file's community: another company's is not found; one the user may not edit is forbidden; a deactivated one is refused. */
async function communityOf(db: DbOrTx, companyId: number, file: ImportFile, scope: ImportScope) {
  if (file.kind !== "units") return null;
  const community = file.communityId ? await findCommunity(db, companyId, file.communityId) : null;
  if (!community) throw new AppError("not_found");
  if (!scope.allows(community.id)) throw new AppError("forbidden");
  if (!community.active) throw new AppError("conflict", "errors.inactive");
  return { id: community.id, name: community.name };
}

function describeColumns<K extends ColumnKey>(
  columns: readonly ColumnDef<K>[],
  table: Table<K>,
  header: readonly string[],
): ColumnInfo[] {
  return columns.flatMap((c) => {
    const at = table.mapping.index[c.key];
    return at === undefined ? [] : [{ key: c.key, header: header[at].trim() || headerOf(c), letter: columnLetter(at) }];
  });
}

/** File-level reading; no database access. */
function readFile(file: ImportFile, community: CheckReport["community"]): Read {
  const report = emptyReport(file.kind, community);
  const read = readCsvFile(file.bytes, { name: file.name, type: file.type });
  if (!read.ok) return { report: { ...report, fileProblem: read.problem }, prepared: null };
  report.encoding = read.file.encoding;
  const { records } = read.file;
  const finish = <K extends ColumnKey>(columns: readonly ColumnDef<K>[], table: Table<K>) => {
    report.columns = describeColumns(columns, table, records[0]);
    report.ignoredColumns = table.mapping.ignored;
    report.rows = table.rows.length;
  };
  if (file.kind === "buildings") {
    const t = tableOf(BUILDING_COLUMNS, records);
    if (!t.ok) return { report: { ...report, fileProblem: t.problem }, prepared: null };
    finish(BUILDING_COLUMNS, t.table);
    return { report, prepared: { kind: "buildings", rows: t.table.rows } };
  }
  const t = tableOf(UNIT_COLUMNS, records);
  if (!t.ok) return { report: { ...report, fileProblem: t.problem }, prepared: null };
  finish(UNIT_COLUMNS, t.table);
  return { report, prepared: { kind: "units", rows: t.table.rows } };
}

type Validated =
  | { kind: "buildings"; validation: Validation<BuildingsPlan> }
  | { kind: "units"; validation: Validation<UnitsPlan>; buildingCodes: Map<number, string>; snapshot: UnitsSnapshot };

async function validate(
  db: DbOrTx,
  companyId: number,
  prepared: Prepared,
  community: CheckReport["community"],
  scope: ImportScope,
): Promise<Validated> {
  if (prepared.kind === "buildings")
    return {
      kind: "buildings",
      validation: validateBuildings(prepared.rows, await loadBuildingsSnapshot(db, companyId, scope)),
    };
  const keys = prepared.rows.map((r) => r.cells.householdKey).filter(Boolean);
  const snapshot = await loadUnitsSnapshot(db, companyId, community!.id, keys);
  const buildingCodes = new Map([...snapshot.buildings].map(([code, b]) => [b.id, code]));
  return { kind: "units", validation: validateUnits(prepared.rows, snapshot), buildingCodes, snapshot };
}

/** The report with the row errors, each carrying the cell it is about. */
function withValidation(report: CheckReport, v: Validation<unknown>, prepared: Prepared): CheckReport {
  const errorRows = new Set(v.errors.map((e) => e.row));
  const cells = new Map<number, Record<string, string>>();
  for (const r of prepared.rows) if (errorRows.has(r.row)) cells.set(r.row, r.cells);
  const errors = v.errors.map((e) => {
    const value = e.column ? cells.get(e.row)?.[e.column] : undefined;
    return value ? { ...e, value } : e;
  });
  return { ...report, errors, invalidRows: v.invalidRows, outcome: v.outcome };
}

/** Reads and validates a file; writes nothing. A community of another company is "not found". */
export async function checkImport(
  db: DbOrTx,
  companyId: number,
  file: ImportFile,
  scope: ImportScope = EVERY_COMMUNITY,
): Promise<CheckReport> {
  const community = await communityOf(db, companyId, file, scope);
  const { report, prepared } = readFile(file, community);
  if (!prepared) return report;
  const validated = await validate(db, companyId, prepared, community, scope);
  return withValidation(report, validated.validation, prepared);
}

export type RunResult =
  | { status: "rejected"; report: CheckReport }
  | {
      status: "done";
      report: CheckReport;
      created: number;
      updated: number;
      unchanged: number;
      skipped: number;
      units: UnitsApplied | null;
    };

export interface RunContext {
  companyId: number;
  actorUserId: number | null;
  /** Import the valid rows and skip the others; by default any error rejects the whole file. */
  validOnly: boolean;
  onProgress?: (done: number, total: number) => void | Promise<void>;
  newCode?: () => string;
  /** The communities the user may import into (default: every one of the company). */
  scope?: ImportScope;
  /** Rows per write transaction of a units import (default CHUNK_ROWS). */
  chunkRows?: number;
  /** Called after each committed chunk of a units import. */
  onChunkCommitted?: (index: number) => void | Promise<void>;
}

type WriteCtx = {
  companyId: number;
  actorUserId: number | null;
  onProgress?: RunContext["onProgress"];
  newCode?: () => string;
  importDay: string;
};

/** Buildings: a small file; re-validated and written in one short write transaction. */
function writeBuildings(
  db: Db,
  ctx: RunContext,
  scope: ImportScope,
  prepared: Prepared & { kind: "buildings" },
  writeCtx: WriteCtx,
) {
  return rawWriteTransaction(db, async (tx) => {
    // Read on the client's other connections while this transaction holds the write lock.
    const validation = validateBuildings(prepared.rows, await loadBuildingsSnapshot(db, ctx.companyId, scope));
    if (validation.invalidRows > 0 && !ctx.validOnly) return { validation, commit: false };
    await applyBuildingsPlan(tx, validation.plan, writeCtx);
    return { validation, commit: true };
  });
}

/**
 * Validates the whole file without any lock; rejects it (nothing written) when any row is
 * invalid unless `validOnly`. Then writes in short transactions that each re-read and
 * re-validate the rows they write: when another writer made a chunk invalid meanwhile, the
 * run stops there (earlier chunks stay written) and is rejected with that chunk's errors;
 * importing the same file again resumes. The summary audit entry is written last.
 */
export async function runImport(db: Db, ctx: RunContext, file: ImportFile): Promise<RunResult> {
  const scope = ctx.scope ?? EVERY_COMMUNITY;
  const community = await communityOf(db, ctx.companyId, file, scope);
  const { report, prepared } = readFile(file, community);
  if (!prepared) return { status: "rejected", report };
  const validated = await validate(db, ctx.companyId, prepared, community, scope);
  const checked = withValidation(report, validated.validation, prepared);
  const { invalidRows } = validated.validation;
  let { outcome } = validated.validation;
  if ((invalidRows > 0 && !ctx.validOnly) || outcome.created + outcome.updated + outcome.unchanged === 0)
    return { status: "rejected", report: checked };
  const importDay = localDate(new Date(), await companyTimeZone(db, ctx.companyId));
  const writeCtx: WriteCtx = {
    companyId: ctx.companyId,
    actorUserId: ctx.actorUserId,
    onProgress: ctx.onProgress,
    newCode: ctx.newCode,
    importDay,
  };
  let units: UnitsApplied | null = null;
  let skipped = invalidRows;
  if (prepared.kind === "buildings") {
    const written = await writeBuildings(db, ctx, scope, prepared, writeCtx);
    if (!written.commit) return { status: "rejected", report: withValidation(report, written.validation, prepared) };
    ({ outcome } = written.validation);
    skipped = written.validation.invalidRows;
  } else if (validated.kind === "units") {
    const written = await writeUnits(db, ctx, community!.id, writeCtx, prepared.rows, validated);
    if (written.status === "stopped")
      return { status: "rejected", report: withValidation(report, written.validation, prepared) };
    ({ outcome, units } = written);
    skipped = invalidRows + written.skipped;
  }
  const summary = { ...outcome, skipped };
  await auditRun(db, writeCtx, file, community, report, ctx.validOnly, summary, units);
  if (outcome.created + outcome.updated >= ANALYZE_AFTER_ROWS) await analyzeDb(db); // fresh planner statistics
  return { status: "done", report: checked, ...summary, units };
}

/** The valid rows in chunks; the whole-file snapshot and plan are not kept while writing (memory). */
function writeUnits(
  db: Db,
  ctx: RunContext,
  communityId: number,
  writeCtx: WriteCtx,
  rows: SourceRow<UnitColumn>[],
  validated: Validated & { kind: "units" },
) {
  const invalid = new Set(validated.validation.errors.map((e) => e.row));
  const chunks = householdChunks(
    rows.filter((r) => !invalid.has(r.row)),
    validated.snapshot,
    ctx.chunkRows,
  );
  const run = {
    companyId: ctx.companyId,
    communityId,
    validOnly: ctx.validOnly,
    write: writeCtx,
    buildingCodes: validated.buildingCodes,
    total: unitsPlanSize(validated.validation.plan),
    onChunkCommitted: ctx.onChunkCommitted,
  };
  return writeUnitsInChunks(db, run, chunks);
}

async function auditRun(
  db: Db,
  writeCtx: WriteCtx,
  file: ImportFile,
  community: CheckReport["community"],
  report: CheckReport,
  validOnly: boolean,
  summary: object,
  units: UnitsApplied | null,
) {
  await rawWriteTransaction(db, async (tx) => {
    await insertAudit(tx, writeCtx, [
      {
        action: `registry.import.${file.kind}`,
        entity: community ? "community" : "company",
        entityId: community ? community.id : writeCtx.companyId,
        after: {
          file: file.name ?? null,
          encoding: report.encoding,
          rows: report.rows,
          validOnly,
          ...summary,
          ...(units ? units.counts : {}),
        },
      },
    ]);
    return { commit: true };
  });
}
