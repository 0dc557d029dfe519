import { authorizeRoute } from "@/lib/actions/authorized-route";
import { collectMyData } from "@/lib/privacy/my-data";

/** GET: everything held about the signed-in resident, as a JSON download (PIPL art. 45). */
export async function GET(request: Request) {
  const auth = await authorizeRoute(request, ["resident"]);
  if (!auth.ok) return auth.response;
  const { db, user, companyId } = auth.ctx;
  const data = await collectMyData(db, companyId, user.id);
  const body = JSON.stringify({ exportedAt: new Date().toISOString(), company: user.companyName, ...data }, null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="my-data-${user.id}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
