import type { Role } from "./roles";

/**
 * Who acts, in which company: every command is scoped to the company and audited with the
 * user. Where the system may act too (a daily job), the user is `null`: `Actor<number | null>`.
 */
export interface Actor<UserId extends number | null = number> {
  companyId: number;
  userId: UserId;
}

/** An actor whose roles decide what it may do. */
export type RoleActor<UserId extends number | null = number> = Actor<UserId> & { roles: readonly Role[] };
