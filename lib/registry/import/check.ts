/**
 * Reading and validating an import file, shared by `checkImport` (report only) and `runImport`
 * (see run.ts): bytes → decode → parse → header → validate against the company's registry.
 */
import { AppError } from "@/lib/actions/result";
import type { DbOrTx } from "@/lib/db/client";
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

export type Prepared =
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
export async function communityOf(db: DbOrTx, companyId: number, file: ImportFile, scope: ImportScope) {
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

/** File-level reading; no database access. Yields to the event loop while it reads a large file. */
export async function readFile(file: ImportFile, community: CheckReport["community"]): Promise<Read> {
  const report = emptyReport(file.kind, community);
  const read = await readCsvFile(file.bytes, { name: file.name, type: file.type });
  if (!read.ok) return { report: { ...report, fileProblem: read.problem }, prepared: null };
  report.encoding = read.file.encoding;
  const { records } = read.file;
  const finish = <K extends ColumnKey>(columns: readonly ColumnDef<K>[], table: Table<K>) => {
    report.columns = describeColumns(columns, table, records[0]);
    report.ignoredColumns = table.mapping.ignored;
    report.rows = table.rows.length;
  };
  if (file.kind === "buildings") {
    const t = await tableOf(BUILDING_COLUMNS, records);
    if (!t.ok) return { report: { ...report, fileProblem: t.problem }, prepared: null };
    finish(BUILDING_COLUMNS, t.table);
    return { report, prepared: { kind: "buildings", rows: t.table.rows } };
  }
  const t = await tableOf(UNIT_COLUMNS, records);
  if (!t.ok) return { report: { ...report, fileProblem: t.problem }, prepared: null };
  finish(UNIT_COLUMNS, t.table);
  return { report, prepared: { kind: "units", rows: t.table.rows } };
}

export type Validated =
  | { kind: "buildings"; validation: Validation<BuildingsPlan> }
  | { kind: "units"; validation: Validation<UnitsPlan>; buildingCodes: Map<number, string>; snapshot: UnitsSnapshot };

export async function validate(
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
  return { kind: "units", validation: await validateUnits(prepared.rows, snapshot), buildingCodes, snapshot };
}

/** The report with the row errors, each carrying the cell it is about. */
export function withValidation(report: CheckReport, v: Validation<unknown>, prepared: Prepared): CheckReport {
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
  const { report, prepared } = await readFile(file, community);
  if (!prepared) return report;
  const validated = await validate(db, companyId, prepared, community, scope);
  return withValidation(report, validated.validation, prepared);
}
