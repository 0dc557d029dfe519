/**
 * CSV records → header-mapped rows with spreadsheet row numbers, and the shape of a row error.
 * Pure (no I/O).
 */
import type { z } from "zod";
import { headerOf, mapHeader, type ColumnDef, type ColumnKey, type HeaderMapping } from "./columns";
import { cleanCell, isBlankRecord, MAX_DATA_ROWS, type FileProblem } from "./parse";
import { timeSlicer, type Pause } from "@/lib/jobs/slice";

/** One data row: its number as a spreadsheet shows it (the header is row 1) and its cells by column. */
export interface SourceRow<K extends string> {
  row: number;
  cells: Record<K, string>;
}

/** A problem in one cell (or one row, when `column` is null). `problem` is a message key. */
export interface RowError {
  row: number;
  column: ColumnKey | null;
  problem: string;
  params?: Record<string, string | number>;
  /** The cell as the file has it (filled in for the report). */
  value?: string;
}

export interface Table<K extends string> {
  mapping: HeaderMapping<K>;
  rows: SourceRow<K>[];
}

/**
 * Maps the header (row 1) and reads every non-blank data row, yielding to the event loop through
 * `pause`. Missing or doubled columns fail the whole file.
 */
export async function tableOf<K extends ColumnKey>(
  columns: readonly ColumnDef<K>[],
  records: readonly string[][],
  pause: Pause = timeSlicer(),
): Promise<{ ok: true; table: Table<K> } | { ok: false; problem: FileProblem }> {
  const header = records[0];
  if (!header || isBlankRecord(header)) return { ok: false, problem: { problem: "import.file.noHeader" } };
  const mapping = mapHeader(columns, header);
  const names = (keys: K[]) => keys.map((k) => headerOf(columns.find((c) => c.key === k)!)).join(", ");
  if (mapping.missing.length)
    return {
      ok: false,
      problem: { problem: "import.file.missingColumns", params: { columns: names(mapping.missing) } },
    };
  if (mapping.duplicated.length)
    return {
      ok: false,
      problem: { problem: "import.file.duplicateColumns", params: { columns: names(mapping.duplicated) } },
    };
  const rows: SourceRow<K>[] = [];
  for (let i = 1; i < records.length; i++) {
    await pause();
    const record = records[i];
    if (isBlankRecord(record)) continue;
    const cells = {} as Record<K, string>;
    for (const c of columns) {
      const at = mapping.index[c.key];
      cells[c.key] = at === undefined ? "" : cleanCell(record[at]);
    }
    rows.push({ row: i + 1, cells });
  }
  if (rows.length === 0) return { ok: false, problem: { problem: "import.file.noRows" } };
  if (rows.length > MAX_DATA_ROWS)
    return { ok: false, problem: { problem: "import.file.tooManyRows", params: { max: MAX_DATA_ROWS } } };
  return { ok: true, table: { mapping, rows } };
}

/** Runs a shared zod field schema on one cell; on failure records its (first) message key and returns undefined. */
export function checkCell<S extends z.ZodType>(
  schema: S,
  value: unknown,
  at: { row: number; column: ColumnKey },
  errors: RowError[],
): z.output<S> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  errors.push({ row: at.row, column: at.column, problem: result.error.issues[0]?.message ?? "validation.required" });
  return undefined;
}

/** Names compare without case, width or spacing differences ("翠湖花园 " = "翠湖花园", "Ａ区" = "A区"). */
export function nameKey(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

/** The result every validator returns: the errors, and the writes planned from the valid rows. */
export interface Validation<P> {
  /** Non-blank data rows in the file. */
  rows: number;
  errors: RowError[];
  /** Rows with at least one error: skipped when only the valid rows are imported. */
  invalidRows: number;
  plan: P;
  /** What the valid rows would do. */
  outcome: { created: number; updated: number; unchanged: number };
}

export function countInvalidRows(errors: readonly RowError[]): number {
  return new Set(errors.map((e) => e.row)).size;
}

/** Errors in reading order: by row, then by the column's place in the format. */
export function sortErrors(errors: RowError[], columns: readonly ColumnDef<ColumnKey>[]): RowError[] {
  const place = new Map(columns.map((c, i) => [c.key, i]));
  return errors.sort(
    (a, b) =>
      a.row - b.row || (a.column ? (place.get(a.column) ?? 0) : -1) - (b.column ? (place.get(b.column) ?? 0) : -1),
  );
}
