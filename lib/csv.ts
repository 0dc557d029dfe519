/**
 * The one CSV writer for every export: UTF-8 with a BOM and CRLF (Excel opens it as Chinese
 * text), fields quoted when needed, and formula injection defused — a cell Excel would run as
 * a formula (=, +, @, tab, CR, or "-" not followed by a plain number) gets a leading
 * apostrophe. The registry import takes it off again, so exports round-trip.
 */
import Papa from "papaparse";

const BOM = "\ufeff";
const FORMULA = /^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/;

export type CsvCell = string | number | null | undefined;

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  const text = rows.map((r) => r.map((v) => (v === null || v === undefined ? "" : String(v))));
  return BOM + Papa.unparse(text, { newline: "\r\n", escapeFormulae: FORMULA });
}
