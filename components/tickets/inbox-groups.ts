/** The inbox's groups, in display order; a notification kind's first segment decides its group. */
export const INBOX_GROUPS = ["orders", "crm", "approvals", "community", "hr", "other"] as const;
export type InboxGroup = (typeof INBOX_GROUPS)[number];

const BY_NAMESPACE: Record<string, InboxGroup> = {
  order: "orders",
  emergency: "orders",
  arrears: "crm",
  gold: "crm",
  visits: "crm",
  surveys: "crm",
  disputes: "crm",
  crm: "crm",
  approval: "approvals",
  approvals: "approvals",
  portal: "community",
  hr: "hr",
};

export function inboxGroupOf(kind: string): InboxGroup {
  return BY_NAMESPACE[kind.split(".")[0]] ?? "other";
}

export const isInboxGroup = (v: unknown): v is InboxGroup =>
  typeof v === "string" && (INBOX_GROUPS as readonly string[]).includes(v);
