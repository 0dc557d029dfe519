import "server-only";
import { cache } from "react";
import type { SessionUser } from "@/lib/auth/session";
import { getBillingSettings } from "@/lib/billing/pricing";
import { publishedRules } from "@/lib/crm/ledger/read";
import { getDb } from "@/lib/db";
import { navFor, STAFF_NAV } from "@/components/shell/nav";
import type { NavBadge } from "@/lib/portal/badges";
import { loadShellCounts, loadViewerFacts } from "@/lib/portal/badges";
import { registryViewFor, type RegistryView } from "@/lib/registry/access";

/*
 * Request-scoped reads (React cache(): one load per server request, shared by the layout and
 * the page). The current user itself is cached by lib/auth/session.ts getSessionUser. Keys are
 * primitives, so every caller of one request hits the same entry.
 */

/** The company's published CRM rules. */
export const crmRulesFor = cache((companyId: number) => publishedRules(getDb(), companyId));

/** The company's billing settings. */
export const billingSettingsFor = cache((companyId: number) => getBillingSettings(getDb(), companyId));

const factsFor = cache((companyId: number, userId: number, roles: string) =>
  loadViewerFacts(getDb(), companyId, { id: userId, companyId, roles: roles.split(",") as SessionUser["roles"] }),
);

/** The viewer's team, managed and own communities (approvals' ActorFacts), one query per request. */
export function viewerFacts(user: SessionUser) {
  return factsFor(user.companyId, user.id, user.roles.join(","));
}

/** The households the viewer may see (lib/registry/view.ts loadRegistryView), from the cached facts. */
export async function registryViewOf(user: SessionUser): Promise<RegistryView> {
  const facts = await viewerFacts(user);
  return registryViewFor(user.roles, {
    userId: user.id,
    teamButlerIds: [...facts.teamUserIds],
    managedCommunityIds: [...facts.managedCommunityIds],
  });
}

/** The staff sidebar's entries, their badge counts and the bell's count (one query, lib/portal/badges.ts). */
export async function staffShellData(user: SessionUser) {
  const items = navFor(STAFF_NAV, user.roles);
  const wanted = [...new Set(items.flatMap((i) => (i.badge ? [i.badge] : [])))] as NavBadge[];
  const facts = wanted.length ? await viewerFacts(user) : null;
  const counts = await loadShellCounts(
    getDb(),
    { id: user.id, companyId: user.companyId, roles: user.roles },
    wanted,
    facts,
  );
  return { items, ...counts };
}

/** The resident shell's bell count. */
export async function residentShellData(user: SessionUser) {
  return loadShellCounts(getDb(), { id: user.id, companyId: user.companyId, roles: user.roles }, [], null);
}
