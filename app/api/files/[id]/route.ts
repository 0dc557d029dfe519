import fs from "node:fs/promises";
import { loadActorFacts } from "@/lib/approvals/access";
import { approvalAttachmentFor } from "@/lib/approvals/attachments";
import { canViewRequest, requestDetail } from "@/lib/approvals/queries";
import { getSessionUser } from "@/app/_lib/session";
import { disputePhotoFor } from "@/lib/crm/disputes/queries";
import { getDb } from "@/lib/db";
import { loadOrderScope } from "@/lib/tickets/access";
import { resolveStoredPath } from "@/lib/tickets/attachments";
import { getAttachmentForScope } from "@/lib/tickets/queries";
import { productPhoto } from "@/lib/portal/shop/catalogue";
import { meterPhotoFor } from "@/lib/billing/self-readings";

/**
 * GET /api/files/:id — a work-order photo, only for whoever may see its order (a resident:
 * its own households' orders; staff: per role scope); GET /api/files/a:id — an approval
 * attachment, only for the requester, the request's approvers, finance and admin;
 * GET /api/files/p:id — a shop product's photo, for any member (staff or resident) of its company;
 * GET /api/files/d:id — a dispute's photo, for the household's residents and staff who may see the dispute;
 * GET /api/files/m:id — a meter reading's photo, for meter staff of the company and the resident who read it.
 * Everyone else gets the same 404.
 */
const notFound = () => new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const raw = (await params).id;
  // "<n>": a work-order photo; "a<n>": an approval attachment (lib/approvals/attachments.ts);
  // "p<n>": a shop product photo (lib/portal/shop.ts); "d<n>": a dispute photo (lib/crm/dispute-queries.ts).
  const m = /^([apdm]?)(\d{1,12})$/.exec(raw);
  if (!m) return notFound();
  const user = await getSessionUser();
  if (!user) return notFound();
  const db = getDb();
  let file: { storedPath: string; mime: string } | null;
  if (m[1] === "a") {
    const facts = await loadActorFacts(db, user.companyId, user.id, user.roles);
    file = await approvalAttachmentFor(db, user.companyId, facts, Number(m[2]), async (requestId) => {
      const detail = await requestDetail(db, user.companyId, requestId);
      return !!detail && canViewRequest(detail, facts);
    });
  } else if (m[1] === "d") {
    file = await disputePhotoFor(db, user.companyId, { userId: user.id, roles: user.roles }, Number(m[2]));
  } else if (m[1] === "m") {
    file = await meterPhotoFor(db, user.companyId, { userId: user.id, roles: user.roles }, Number(m[2]));
  } else if (m[1] === "p") {
    file = await productPhoto(db, user.companyId, Number(m[2]));
  } else {
    const scope = await loadOrderScope(db, user.companyId, user);
    file = await getAttachmentForScope(db, user.companyId, scope, Number(m[2]));
  }
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
