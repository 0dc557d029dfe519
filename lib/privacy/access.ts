import type { Role } from "@/lib/auth/roles";

/** Who handles residents' correction and deletion requests. */
export const PRIVACY_REQUEST_ROLES = ["admin", "front_desk"] as const satisfies readonly Role[];
