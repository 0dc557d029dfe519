import fs from "node:fs/promises";
import { getSessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { loadOrderScope } from "@/lib/tickets/access";
import { resolveStoredPath } from "@/lib/tickets/attachments";
import { getAttachmentForScope } from "@/lib/tickets/queries";
import { productPhoto } from "@/lib/portal/shop";

/**
 * GET /api/files/:id — a work-order photo, only for whoever may see its order (a resident:
 * its own households' orders; staff: per role scope). Everyone else gets the same 404.
 * GET /api/files/p:id — a shop product's photo, for any member (staff or resident) of its company.
 */
const notFound = () => new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const raw = (await params).id;
  const product = /^p(\d{1,12})$/.exec(raw);
  if (!product && !/^\d{1,12}$/.test(raw)) return notFound();
  const user = await getSessionUser();
  if (!user) return notFound();
  const db = getDb();
  const file = product
    ? await productPhoto(db, user.companyId, Number(product[1]))
    : await getAttachmentForScope(db, user.companyId, await loadOrderScope(db, user.companyId, user), Number(raw));
  if (!file) return notFound();
  let body: Buffer;
  try {
    body = await fs.readFile(resolveStoredPath(file.storedPath));
  } catch {
    return notFound();
  }
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(body.length),
      "Cache-Control": "private, max-age=3600",
      "X-Content-Type-Options": "nosniff",
      "Content-Disposition": "inline",
    },
  });
}
