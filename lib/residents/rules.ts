/**
 * Pure rules of resident registration (SPEC §1–§3): who may decide a request to link an
 * account to a household, which link status may follow which, who may remove whom, and
 * how wrong household codes are limited. No I/O here.
 */
import type { RateLimitRule } from "@/lib/auth/rate-limit-rules";
import type { Role } from "@/lib/auth/roles";
import type { LINK_STATUSES, RESIDENT_RELATIONS } from "@/db/schema/registry";

export type LinkStatus = (typeof LINK_STATUSES)[number];
export type Relation = (typeof RESIDENT_RELATIONS)[number];

/* ── Status transitions ─────────────────────────────────────────────────────────── */

/**
 * pending → approved | rejected (the butler decides); approved → removed (an owner removes a
 * family member or tenant); rejected | removed → pending (the person asks again: the same row
 * is reused, one per person and household).
 */
const TRANSITIONS: Record<LinkStatus, readonly LinkStatus[]> = {
  pending: ["approved", "rejected"],
  approved: ["removed"],
  rejected: ["pending"],
  removed: ["pending"],
};

export function canTransition(from: LinkStatus, to: LinkStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** What asking for a household does, given the person's existing link to it (if any). */
export type RequestOutcome = "create" | "reopen" | "alreadyPending" | "alreadyLinked";

export function requestOutcome(existing: LinkStatus | null | undefined): RequestOutcome {
  if (!existing) return "create";
  if (existing === "pending") return "alreadyPending";
  if (existing === "approved") return "alreadyLinked";
  return "reopen";
}

/* ── Who decides a request ──────────────────────────────────────────────────────── */

/**
 * Which requests a staff member sees and decides. Admin and front desk: the whole company.
 * Otherwise the households their assigned roles give them, as the registry defines them
 * (lib/registry/access.ts registryViewFor): a butler's own households (the butler follows from
 * the household's main unit), a supervisor's team's and own households, a project manager's
 * communities. Finance and legal see households but do not decide registrations.
 */
export const APPROVER_ROLES = [
  "butler",
  "supervisor",
  "project_manager",
  "front_desk",
  "admin",
] as const satisfies readonly Role[];
const ASSIGNED_APPROVER_ROLES = ["butler", "supervisor", "project_manager"] as const satisfies readonly Role[];
export type AssignedApproverRole = (typeof ASSIGNED_APPROVER_ROLES)[number];

export type ApprovalScope =
  { kind: "company" } | { kind: "assigned"; roles: AssignedApproverRole[] } | { kind: "none" };

export function approvalScope(roles: readonly Role[]): ApprovalScope {
  if (roles.includes("admin") || roles.includes("front_desk")) return { kind: "company" };
  const assigned = ASSIGNED_APPROVER_ROLES.filter((r) => roles.includes(r));
  return assigned.length ? { kind: "assigned", roles: assigned } : { kind: "none" };
}

/** The staff a household answers to, as stored in the registry (from its main unit). */
export interface HouseholdStaff {
  butlerUserId: number | null;
  /** The supervisor of that butler, if any. */
  supervisorUserId: number | null;
  /** The manager of the household's community, if any. */
  managerUserId: number | null;
}

/** True when `viewer` may approve or reject a request for a household with these staff. */
export function mayDecide(viewer: { userId: number; roles: readonly Role[] }, household: HouseholdStaff): boolean {
  const scope = approvalScope(viewer.roles);
  if (scope.kind === "company") return true;
  if (scope.kind === "none") return false;
  const holds = (role: AssignedApproverRole) => scope.roles.includes(role);
  const me = viewer.userId;
  return (
    (holds("butler") && household.butlerUserId === me) ||
    (holds("supervisor") &&
      household.butlerUserId !== null &&
      (household.butlerUserId === me || household.supervisorUserId === me)) ||
    (holds("project_manager") && household.managerUserId === me)
  );
}

/* ── Who removes whom ───────────────────────────────────────────────────────────── */

export interface LinkFacts {
  userId: number;
  relation: Relation;
  status: LinkStatus;
}

export type RemoveVerdict = "ok" | "notOwner" | "cannotRemoveOwner" | "self" | "notApproved";

/**
 * An approved owner may remove an approved family member's or tenant's link to the same
 * household; nobody else may remove anyone, and owners are not removed this way (that is a
 * change of ownership, handled by staff).
 */
export function removeVerdict(actor: LinkFacts, target: LinkFacts): RemoveVerdict {
  if (actor.status !== "approved" || actor.relation !== "owner") return "notOwner";
  if (actor.userId === target.userId) return "self";
  if (target.relation === "owner") return "cannotRemoveOwner";
  if (!canTransition(target.status, "removed")) return "notApproved";
  return "ok";
}

/* ── Wrong household codes ──────────────────────────────────────────────────────── */

/** Wrong household codes, per IP: 10 an hour, then an hour's block. */
export const HOUSEHOLD_CODE_PER_IP: RateLimitRule = { limit: 10, windowMs: 60 * 60_000, blockMs: 60 * 60_000 };
/** Wrong household codes, per phone number (registration) or per account (adding a household): 5 an hour. */
export const HOUSEHOLD_CODE_PER_PERSON: RateLimitRule = { limit: 5, windowMs: 60 * 60_000, blockMs: 60 * 60_000 };

export const householdCodeKeys = {
  ip: (ip: string) => `hhcode:ip:${ip}`,
  phone: (phone: string) => `hhcode:phone:${phone}`,
  user: (userId: number) => `hhcode:user:${userId}`,
};

/* ── Display ────────────────────────────────────────────────────────────────────── */

/** A phone number as other residents see it: 138****0010. Short or odd values are masked whole. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return "—";
  if (phone.length < 7) return "*".repeat(phone.length);
  return `${phone.slice(0, 3)}${"*".repeat(phone.length - 7)}${phone.slice(-4)}`;
}
