import type { Role } from "@/lib/auth/roles";

/**
 * Who sees which households (SPEC §2), as a pure rule. Company-wide roles see every
 * household of the company; a project manager sees the communities they run; a supervisor
 * the households of their team's butlers (and their own); a butler their own households.
 * Several roles add up. Technicians and HR see no household lists. Finance and legal see every
 * household (money and cases are company-wide) but not the work orders of those households:
 * lib/tickets/access.ts gives them only the collection orders assigned to them.
 */
export const COMPANY_WIDE_ROLES: readonly Role[] = ["admin", "front_desk", "finance", "legal"];
export const REGISTRY_VIEW_ROLES: readonly Role[] = [
  "admin",
  "front_desk",
  "finance",
  "legal",
  "project_manager",
  "supervisor",
  "butler",
];
/** Who may create and edit communities, buildings, units and households. */
export const REGISTRY_EDIT_ROLES: readonly Role[] = ["admin", "project_manager", "front_desk"];
/** Who may assign butlers, supervisors and project managers. */
export const ASSIGNMENT_ROLES: readonly Role[] = ["admin", "project_manager"];

export type RegistryView = { kind: "all" } | { kind: "some"; butlerIds: number[]; communityIds: number[] };

export function registryViewFor(
  roles: readonly Role[],
  facts: { userId: number; teamButlerIds: number[]; managedCommunityIds: number[] },
): RegistryView {
  if (roles.some((r) => COMPANY_WIDE_ROLES.includes(r))) return { kind: "all" };
  const butlerIds = new Set<number>();
  if (roles.includes("butler")) butlerIds.add(facts.userId);
  if (roles.includes("supervisor")) {
    butlerIds.add(facts.userId);
    facts.teamButlerIds.forEach((id) => butlerIds.add(id));
  }
  const communityIds = roles.includes("project_manager") ? [...facts.managedCommunityIds] : [];
  return {
    kind: "some",
    butlerIds: [...butlerIds].sort((a, b) => a - b),
    communityIds: communityIds.sort((a, b) => a - b),
  };
}

/** A project manager edits only their own communities; admin and front desk edit every one. */
export function canEditCommunity(
  roles: readonly Role[],
  communityId: number,
  managedCommunityIds: readonly number[],
): boolean {
  if (roles.includes("admin") || roles.includes("front_desk")) return true;
  return roles.includes("project_manager") && managedCommunityIds.includes(communityId);
}

export function canAssignInCommunity(
  roles: readonly Role[],
  communityId: number,
  managedCommunityIds: readonly number[],
): boolean {
  if (roles.includes("admin")) return true;
  return roles.includes("project_manager") && managedCommunityIds.includes(communityId);
}

/**
 * Who browses communities and buildings: company-wide roles all of them, a project manager their
 * own communities, a butler the buildings they serve, a supervisor their team's buildings
 * (lib/registry/browse.ts scopes the queries).
 */
export const COMMUNITY_VIEW_ROLES: readonly Role[] = REGISTRY_VIEW_ROLES;
