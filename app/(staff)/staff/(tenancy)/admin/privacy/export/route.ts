import { authorizeRoute } from "@/lib/actions/authorized-route";
import { writeAudit } from "@/lib/audit/commands";
import { exportEntries, zipStream } from "@/lib/privacy/export";

/**
 * GET: the company's whole data as a zip, streamed while it is written (one JSON file per
 * table, uploaded files under files/). Admins only; the export itself is audited.
 */
export async function GET(request: Request) {
  const auth = await authorizeRoute(request, ["admin"]);
  if (!auth.ok) return auth.response;
  const { db, user, companyId } = auth.ctx;
  await writeAudit(db, {
    companyId,
    actorUserId: user.id,
    action: "company.export",
    entity: "company",
    entityId: companyId,
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(zipStream(exportEntries(db, companyId)), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="guanjia-company-${companyId}-${stamp}.zip"`,
      "Cache-Control": "no-store",
    },
  });
}
