/**
 * The import's HTTP edges, shared by its route handlers: query parameters, a size-capped
 * upload body, CSV downloads. No Next.js in here; plain Request/Response.
 */
import { z } from "zod";
import { IMPORT_KINDS } from "./columns";
import { MAX_FILE_BYTES } from "./parse";

export { IMPORT_ROLES } from "./access";

const id = z.coerce.number().int().positive();

/** ?kind=units&communityId=3&name=房屋.csv&type=text/csv&validOnly=1 */
export const importQuerySchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  communityId: id.optional(),
  name: z.string().max(255).optional(),
  type: z.string().max(255).optional(),
  validOnly: z.enum(["0", "1"]).optional(),
  format: z.enum(["json", "csv"]).optional(),
});

export const exportQuerySchema = z.object({ kind: z.enum(IMPORT_KINDS), communityId: id });
export const templateQuerySchema = z.object({ kind: z.enum(IMPORT_KINDS) });

export function queryOf<S extends z.ZodType>(schema: S, request: Request): z.output<S> | null {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  return parsed.success ? parsed.data : null;
}

/**
 * The request body, or "tooLarge" as soon as it passes `max` bytes (by its Content-Length, or
 * while reading): a 2 GB upload is not read to the end to be refused.
 */
export async function readUpload(request: Request, max = MAX_FILE_BYTES): Promise<Uint8Array | "tooLarge"> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) return "tooLarge";
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return "tooLarge";
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
}

/** A CSV download; the file name may be Chinese (RFC 6266 filename*, with an ASCII fallback). */
export function csvDownload(csv: string, filename: string): Response {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "no-store",
    },
  });
}
