import { getTranslations } from "next-intl/server";
import { localNoticeNumbers } from "@/lib/crm/rules/arrears";
import { authorizeRoute, routeError } from "@/lib/actions/authorized-route";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { quickJump } from "@/lib/portal/jump/queries";
import { jumpQuerySchema } from "@/lib/portal/jump/schemas";

export const dynamic = "force-dynamic";

/**
 * GET /api/jump?q=… — the staff quick jump (components/shell/quick-jump.tsx): households, a work
 * order and an arrears notice the signed-in staff member may open, scoped in the queries
 * (lib/portal/jump/queries.ts). Residents and visitors are refused; nothing is cached.
 */
export async function GET(request: Request) {
  const auth = await authorizeRoute(request, STAFF_ROLES);
  if (!auth.ok) return auth.response;
  const parsed = jumpQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return routeError("validation");
  const { db, companyId, user } = auth.ctx;
  const results = await quickJump(db, companyId, { id: user.id, roles: user.roles }, parsed.data.q);
  const prefix = (await getTranslations("arrears"))("numberPrefix");
  const data = results.map((r) => (r.kind === "notice" ? { ...r, title: localNoticeNumbers(r.title, prefix) } : r));
  return Response.json({ ok: true, data }, { headers: { "Cache-Control": "no-store" } });
}
