/** Enums shared by several schema files (kept apart so that schema files do not import each other in a cycle). */
export const PAYMENT_METHODS = ["cash", "transfer", "pos", "wechat", "alipay", "online"] as const;

/** The roles of SPEC §2 (a person may hold several); lib/auth/roles.ts holds the rules about them. */
export const ROLES = [
  "resident",
  "butler",
  "supervisor",
  "project_manager",
  "front_desk",
  "technician",
  "finance",
  "hr",
  "legal",
  "cleaner",
  "guard",
  "admin",
] as const;
