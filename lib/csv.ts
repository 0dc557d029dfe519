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

/** Rows as CSV text without the BOM (a chunk of a streamed export). */
function csvText(rows: readonly (readonly CsvCell[])[]): string {
  return toCsv(rows).slice(BOM.length);
}

/**
 * A CSV export as a byte stream (issue 16 point 7): the BOM goes out at once, so the download
 * starts before the first query has answered, then each chunk of rows as its source yields it
 * (keyset pages, not one array of the whole export). The bytes equal `toCsv` of all the rows.
 */
export function csvStream(chunks: AsyncIterable<readonly (readonly CsvCell[])[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const it = chunks[Symbol.asyncIterator]();
  let first = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(BOM));
    },
    async pull(controller) {
      const next = await it.next();
      if (next.done) return controller.close();
      if (next.value.length === 0) return;
      controller.enqueue(encoder.encode((first ? "" : "\r\n") + csvText(next.value)));
      first = false;
    },
    async cancel() {
      await it.return?.();
    },
  });
}

/** The streamed CSV download response every export route answers with. */
export function csvResponse(filename: string, chunks: AsyncIterable<readonly (readonly CsvCell[])[]>): Response {
  return new Response(csvStream(chunks), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}

/** One chunk (an export whose rows come from one aggregate query), loaded when the stream first pulls. */
export async function* csvChunk(load: () => Promise<readonly (readonly CsvCell[])[]>) {
  yield await load();
}
