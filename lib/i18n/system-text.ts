/**
 * Text the system writes and shows later (order titles, timeline notes, inbox entries, audit
 * entries) is stored as a message key + parameters and worded in the reader's language when
 * shown (components/ui/system-text.ts). A parameter that is itself a message — a notice kind,
 * a task — is stored as a reference (`msgRef("arrears.kind.reminder")`) and translated too.
 */
export type TextParams = Record<string, string | number | null>;

export interface SystemText {
  key: string;
  params: TextParams;
}

const REF = "@msg:";

/** A parameter that names another message, translated when the text is shown. */
export const msgRef = (key: string) => `${REF}${key}`;

/** The message key a parameter refers to, or null for a plain value. */
export function refOf(value: unknown): string | null {
  return typeof value === "string" && value.startsWith(REF) ? value.slice(REF.length) : null;
}
