import type { Role } from "@/lib/auth/roles";
import type { REQUEST_TYPES } from "@/db/schema/approvals";

/*
 * Approval rules (SPEC §6), pure. A chain is chosen by the request's type and amount; the
 * admin may change the thresholds per company (validated by lib/approvals/schemas.ts).
 */

export type RequestType = (typeof REQUEST_TYPES)[number];
export const MONEY_TYPES: readonly RequestType[] = ["contract", "procurement", "expense"];
/** The roles a chain step may name. */
export const STEP_ROLES = ["supervisor", "project_manager", "admin", "finance", "hr"] as const;
export type StepRole = (typeof STEP_ROLES)[number];

/** Up to `maxFen` (inclusive; null = no limit) the chain is `roles`, in order. */
export interface Tier {
  maxFen: number | null;
  roles: StepRole[];
}
export interface TypeChain {
  tiers: Tier[];
  /** Finance reviews every request of this type that carries an amount (appended last). */
  financeReview: boolean;
}
export type ChainConfig = Record<RequestType, TypeChain>;

const MONEY_CHAIN: TypeChain = {
  tiers: [
    { maxFen: 200_000, roles: ["supervisor"] },
    { maxFen: 2_000_000, roles: ["supervisor", "project_manager"] },
    { maxFen: null, roles: ["supervisor", "project_manager", "admin"] },
  ],
  financeReview: true,
};

/** §6 defaults: ≤ ¥2,000 supervisor; ≤ ¥20,000 + project manager; above + admin; finance reviews money; leave: supervisor. */
export const DEFAULT_CHAINS: ChainConfig = {
  contract: MONEY_CHAIN,
  procurement: MONEY_CHAIN,
  expense: MONEY_CHAIN,
  general: { tiers: [{ maxFen: null, roles: ["supervisor"] }], financeReview: false },
  leave: { tiers: [{ maxFen: null, roles: ["supervisor"] }], financeReview: false },
};

/** The configured roles for a type and amount (fen; null for requests without money). */
export function tierRoles(config: ChainConfig, type: RequestType, amountFen: number | null): StepRole[] {
  const chain = config[type];
  const amount = amountFen ?? 0;
  const tier = chain.tiers.find((t) => t.maxFen === null || amount <= t.maxFen) ?? chain.tiers[chain.tiers.length - 1];
  const roles: StepRole[] = [...tier.roles];
  if (chain.financeReview && amountFen !== null && amountFen > 0) roles.push("finance");
  return roles;
}

/** Who stands in when the requester holds the step's role: the next higher role. */
const HIGHER: Record<StepRole, StepRole> = {
  supervisor: "project_manager",
  project_manager: "admin",
  hr: "admin",
  finance: "admin",
  admin: "admin",
};

/**
 * The steps of a submission. Nobody approves their own request: a step whose role the
 * requester holds goes to the next higher role (supervisor → project manager → admin;
 * finance / hr → admin); repeated roles collapse into one step. An admin's own request keeps
 * its admin step, which another admin must decide (the requester is refused on every step).
 */
export function chainFor(
  config: ChainConfig,
  type: RequestType,
  amountFen: number | null,
  requesterRoles: readonly Role[],
): StepRole[] {
  const out: StepRole[] = [];
  for (let role of tierRoles(config, type, amountFen)) {
    while (requesterRoles.includes(role) && HIGHER[role] !== role) role = HIGHER[role];
    if (!out.includes(role)) out.push(role);
  }
  return out;
}

/** What the server knows about the person acting and the request, to check a step. */
export interface ActorFacts {
  userId: number;
  roles: readonly Role[];
  /** Butlers this person leads as supervisor (supervisor_butlers). */
  teamUserIds: readonly number[];
  /** The community of this person's staff record. */
  ownCommunityId: number | null;
  /** Communities this person runs as project manager. */
  managedCommunityIds: readonly number[];
}
export interface RequestFacts {
  requesterUserId: number;
  communityId: number;
}

export type StepDenial = "own" | "role" | "scope";

/**
 * May this person decide a step of this role? Never on their own request. A supervisor step:
 * a supervisor leading the requester, or one whose own community is the request's; a project
 * manager step: the manager of the request's community; finance / hr / admin steps: that role.
 * The admin (general manager) may decide any step, so a request never waits for a vacancy.
 * A lower role never decides a higher step: roles are matched exactly.
 */
export function stepDenial(role: StepRole, actor: ActorFacts, req: RequestFacts): StepDenial | null {
  if (actor.userId === req.requesterUserId) return "own";
  if (actor.roles.includes("admin")) return null;
  if (!actor.roles.includes(role)) return "role";
  if (role === "supervisor") {
    return actor.teamUserIds.includes(req.requesterUserId) || actor.ownCommunityId === req.communityId ? null : "scope";
  }
  if (role === "project_manager") return actor.managedCommunityIds.includes(req.communityId) ? null : "scope";
  return null;
}

/** Procurement totals: each line quantity × unit price (fen), and their sum. */
export function lineAmount(quantity: number, unitPriceFen: number): number {
  return quantity * unitPriceFen;
}
export function linesTotal(lines: readonly { quantity: number; unitPriceFen: number }[]): number {
  return lines.reduce((n, l) => n + lineAmount(l.quantity, l.unitPriceFen), 0);
}

/** Two date ranges (inclusive YYYY-MM-DD) overlap. */
export function rangesOverlap(a: { from: string; to: string }, b: { from: string; to: string }): boolean {
  return a.from <= b.to && b.from <= a.to;
}

/** Statuses in which the requester may still change the request. */
export const EDITABLE_STATUSES = ["draft", "returned"] as const;
export function isEditable(status: string): boolean {
  return (EDITABLE_STATUSES as readonly string[]).includes(status);
}
