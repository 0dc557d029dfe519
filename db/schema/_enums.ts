/** Enums shared by several schema files (kept apart so that schema files do not import each other in a cycle). */
export const PAYMENT_METHODS = ["cash", "transfer", "pos", "wechat", "alipay", "online"] as const;
