import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { workOrderAttachments } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { DbOrTx } from "@/lib/db/client";
import { EXTENSION, MAX_IMAGE_BYTES, MAX_PHOTOS_PER_ORDER, sniffImage, type ImageMime } from "./images";
import { liveEnv } from "@/lib/env";

/** Where photos live: $UPLOADS_DIR, default ./uploads (gitignored). */
export function uploadsDir(): string {
  return path.resolve(liveEnv("UPLOADS_DIR") ?? "uploads");
}

/** What an upload looks like to us: a web File (from FormData) or the same shape in tests. */
export interface UploadLike {
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface CheckedImage {
  bytes: Buffer;
  mime: ImageMime;
  sha256: string;
}

/**
 * Checks count and size first (File.size is known before reading), then reads each file and
 * checks its type by content. Throws a field error on "photos"; nothing is written.
 */
export async function checkImages(files: readonly UploadLike[], alreadyAttached = 0): Promise<CheckedImage[]> {
  const real = files.filter((f) => f.size > 0);
  if (real.length + alreadyAttached > MAX_PHOTOS_PER_ORDER)
    throw AppError.field("photos", "tickets.errors.tooManyPhotos");
  if (real.some((f) => f.size > MAX_IMAGE_BYTES)) throw AppError.field("photos", "tickets.errors.fileTooLarge");
  const out: CheckedImage[] = [];
  for (const f of real) {
    const bytes = Buffer.from(await f.arrayBuffer());
    if (bytes.length > MAX_IMAGE_BYTES) throw AppError.field("photos", "tickets.errors.fileTooLarge");
    const mime = sniffImage(bytes);
    if (!mime) throw AppError.field("photos", "tickets.errors.notAnImage");
    out.push({ bytes, mime, sha256: createHash("sha256").update(bytes).digest("hex") });
  }
  return out;
}

export async function attachedCount(db: DbOrTx, companyId: number, workOrderId: number) {
  const [row] = await db
    .select({ n: count() })
    .from(workOrderAttachments)
    .where(and(eq(workOrderAttachments.companyId, companyId), eq(workOrderAttachments.workOrderId, workOrderId)));
  return row.n;
}

/**
 * Writes the files under random names, then calls `inTx` with their rows to insert; when the
 * transaction fails the files are removed again, so a failed request leaves nothing behind.
 */
export async function withStoredImages<T>(
  images: CheckedImage[],
  run: (stored: { storedPath: string; mime: string; size: number; sha256: string }[]) => Promise<T>,
): Promise<T> {
  const dir = uploadsDir();
  const sub = new Date().toISOString().slice(0, 7);
  await fs.mkdir(path.join(dir, sub), { recursive: true });
  const stored: { storedPath: string; mime: string; size: number; sha256: string }[] = [];
  try {
    for (const img of images) {
      const rel = path.posix.join(sub, `${randomBytes(16).toString("hex")}.${EXTENSION[img.mime]}`);
      await fs.writeFile(path.join(dir, rel), img.bytes, { flag: "wx" });
      stored.push({ storedPath: rel, mime: img.mime, size: img.bytes.length, sha256: img.sha256 });
    }
    return await run(stored);
  } catch (e) {
    await Promise.all(stored.map((s) => fs.rm(path.join(dir, s.storedPath), { force: true })));
    throw e;
  }
}

export async function insertAttachmentRows(
  tx: DbOrTx,
  o: { companyId: number; id: number },
  uploadedByUserId: number | null,
  kind: "before" | "after",
  stored: { storedPath: string; mime: string; size: number; sha256: string }[],
) {
  if (!stored.length) return;
  await tx
    .insert(workOrderAttachments)
    .values(stored.map((s) => ({ companyId: o.companyId, workOrderId: o.id, uploadedByUserId, kind, ...s })));
}

/** The absolute path of a stored file; refuses anything that would leave the uploads folder. */
export function resolveStoredPath(storedPath: string): string {
  const dir = uploadsDir();
  const full = path.resolve(dir, storedPath);
  if (!full.startsWith(dir + path.sep)) throw new AppError("not_found");
  return full;
}
