/**
 * From uploaded bytes to CSV records: file type check, encoding detection, parsing.
 * Pure (no I/O). The CSV grammar is papaparse's (RFC 4180: quoted fields, "" escapes,
 * line breaks inside quotes); nothing here splits lines or commas by hand.
 */
import Papa from "papaparse";
import { yieldToLoop } from "@/lib/jobs/slice";

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** More data rows than this is not an onboarding file; it would only hold the write lock for long. */
export const MAX_DATA_ROWS = 100_000;

/** A problem with the file as a whole: nothing in it is imported. `problem` is a message key. */
export interface FileProblem {
  problem: string;
  params?: Record<string, string | number>;
}

export const TOO_LARGE: FileProblem = {
  problem: "import.file.tooLarge",
  params: { max: MAX_FILE_BYTES / 1024 / 1024 },
};

export type Encoding = "utf-8" | "gb18030" | "utf-16le" | "utf-16be";

export interface DecodedFile {
  text: string;
  encoding: Encoding;
  bom: boolean;
}

const ACCEPTED_EXTENSIONS = [".csv", ".txt"];
/** What browsers and operating systems report for .csv / .txt files (Windows says Excel for .csv). */
const ACCEPTED_MIME = new Set([
  "",
  "text/csv",
  "text/plain",
  "text/x-csv",
  "text/comma-separated-values",
  "application/csv",
  "application/x-csv",
  "application/vnd.ms-excel",
  "application/octet-stream",
]);

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04]; // .xlsx, .docx, .zip
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // .xls, .doc
const PDF = [0x25, 0x50, 0x44, 0x46];
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

/**
 * Refuses what is not a CSV/text file: by name and type, and by content (a workbook renamed
 * to .csv is still a workbook). Returns null when the file may be read as text.
 */
export function checkFile(bytes: Uint8Array, meta: { name?: string; type?: string } = {}): FileProblem | null {
  const name = (meta.name ?? "").trim().toLowerCase();
  if (name && !ACCEPTED_EXTENSIONS.some((ext) => name.endsWith(ext))) return { problem: "import.file.wrongType" };
  if (!ACCEPTED_MIME.has((meta.type ?? "").split(";")[0].trim().toLowerCase()))
    return { problem: "import.file.wrongType" };
  if (bytes.length > MAX_FILE_BYTES) return TOO_LARGE;
  if (startsWith(bytes, ZIP) || startsWith(bytes, OLE)) return { problem: "import.file.workbook" };
  if (startsWith(bytes, PDF)) return { problem: "import.file.wrongType" };
  const utf16 = startsWith(bytes, UTF16LE_BOM) || startsWith(bytes, UTF16BE_BOM);
  // NUL bytes do not occur in UTF-8 or GB18030 text.
  if (!utf16 && bytes.subarray(0, 64 * 1024).includes(0)) return { problem: "import.file.wrongType" };
  return null;
}

/**
 * Text of the file: UTF-16 when it starts with a UTF-16 byte-order mark (Excel's "Unicode
 * text"), UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GB18030 — what
 * Excel writes for "CSV" on a Chinese Windows. GB18030 is a superset of GBK and GB2312.
 */
export function decodeText(bytes: Uint8Array): DecodedFile {
  if (startsWith(bytes, UTF16LE_BOM))
    return { text: new TextDecoder("utf-16le").decode(bytes), encoding: "utf-16le", bom: true };
  if (startsWith(bytes, UTF16BE_BOM))
    return { text: new TextDecoder("utf-16be").decode(bytes), encoding: "utf-16be", bom: true };
  const bom = startsWith(bytes, UTF8_BOM);
  try {
    // The default decoder drops a leading BOM.
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8", bom };
  } catch {
    return { text: new TextDecoder("gb18030").decode(bytes), encoding: "gb18030", bom: false };
  }
}

/** Comma unless the header line clearly uses tabs (Excel "text") or semicolons (European Excel). */
export function guessDelimiter(text: string): string {
  const end = text.search(/\r|\n/);
  const firstLine = end === -1 ? text : text.slice(0, end);
  const count = (d: string) => firstLine.split(d).length - 1;
  const candidates = [",", "\t", ";"].map((d) => [d, count(d)] as const);
  const [best] = [...candidates].sort((a, b) => b[1] - a[1]);
  return best[1] > 0 ? best[0] : ",";
}

export interface ParsedCsv {
  /** Every record, blank ones included, so that index + 1 is the row number a spreadsheet shows. */
  records: string[][];
  delimiter: string;
}

/** Characters parsed between two turns of the event loop (~5 ms of papaparse). */
export const PARSE_CHUNK_CHARS = 256 * 1024;

const QUOTE = 34; // "

function countQuotes(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === QUOTE) n++;
  return n;
}

/**
 * Where the piece that starts at `start` ends: the first line break at or after `start + size`
 * with an even number of quotes since `start` (RFC 4180: a line break after an even number of
 * quotes ends a record; inside a quoted field the count is odd). Never the text's last line
 * break (its trailing empty record belongs to the last piece, as in one whole parse).
 */
function pieceEnd(text: string, start: number, size: number, newline: string): number {
  let at = start + size;
  if (at >= text.length) return text.length;
  let quotes = countQuotes(text, start, at);
  for (;;) {
    const nl = text.indexOf(newline, at);
    if (nl === -1 || nl + newline.length >= text.length) return text.length;
    quotes += countQuotes(text, at, nl);
    if (quotes % 2 === 0) return nl;
    at = nl + newline.length;
  }
}

/**
 * Parses in pieces cut between records (see pieceEnd), each parsed whole by papaparse, with a
 * turn of the event loop between them: a 20 MB file never holds the loop, and the records are
 * those of one whole-text parse. (Papaparse's own chunk mode cuts anywhere, and misreads a cut
 * between a closing quote and its "\r\n".)
 */
export async function parseCsvText(
  text: string,
  chunkChars = PARSE_CHUNK_CHARS,
): Promise<{ ok: true; csv: ParsedCsv } | { ok: false; problem: FileProblem }> {
  const delimiter = guessDelimiter(text);
  const guessed = Papa.parse<string[]>(text.slice(0, 64 * 1024), { delimiter, preview: 2 }).meta.linebreak;
  const newline = guessed === "\r" || guessed === "\n" ? guessed : "\r\n";
  const records: string[][] = [];
  for (let start = 0; start < text.length;) {
    const end = pieceEnd(text, start, chunkChars, newline);
    const result = Papa.parse<string[]>(text.slice(start, end), { delimiter, newline, skipEmptyLines: false });
    const quoteError = result.errors.find((e) => e.type === "Quotes");
    if (quoteError)
      return {
        ok: false,
        problem: { problem: "import.file.malformed", params: { row: records.length + (quoteError.row ?? 0) + 1 } },
      };
    for (const record of result.data) records.push(record);
    start = end + newline.length;
    if (start < text.length) await yieldToLoop();
  }
  return { ok: true, csv: { records, delimiter } };
}

/** Excel shows a value that an export protected against formula injection ('=…) as text; take the quote off again. */
export function cleanCell(raw: string | undefined): string {
  if (raw === undefined) return "";
  const value = raw.trim();
  return /^'[=+\-@]/.test(value) ? value.slice(1) : value;
}

export function isBlankRecord(record: readonly string[]): boolean {
  return record.every((cell) => cell.trim() === "");
}

export interface ReadFile {
  encoding: Encoding;
  bom: boolean;
  records: string[][];
}

/** Type check → decode → parse. File-level problems only; rows are checked by the validators. */
export async function readCsvFile(
  bytes: Uint8Array,
  meta: { name?: string; type?: string } = {},
): Promise<{ ok: true; file: ReadFile } | { ok: false; problem: FileProblem }> {
  if (bytes.length === 0) return { ok: false, problem: { problem: "import.file.empty" } };
  const typeProblem = checkFile(bytes, meta);
  if (typeProblem) return { ok: false, problem: typeProblem };
  const decoded = decodeText(bytes);
  if (decoded.text.trim() === "") return { ok: false, problem: { problem: "import.file.empty" } };
  await yieldToLoop();
  const parsed = await parseCsvText(decoded.text);
  if (!parsed.ok) return parsed;
  return { ok: true, file: { encoding: decoded.encoding, bom: decoded.bom, records: parsed.csv.records } };
}
