/** Mainland mobile numbers: 11 digits starting with 1[3-9]. */
export const CN_MOBILE = /^1[3-9]\d{9}$/;

/** Strips spaces, dashes and a +86 / 0086 prefix. */
export function normalizePhone(raw: string): string {
  const digits = raw.replace(/[\s\-()]/g, "");
  return digits.replace(/^(\+86|0086)/, "");
}

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

export type Identifier = { kind: "email"; value: string } | { kind: "phone"; value: string };

/** A sign-in identifier is an e-mail when it contains "@", else a phone number. */
export function parseIdentifier(raw: string): Identifier {
  const trimmed = raw.trim();
  return trimmed.includes("@")
    ? { kind: "email", value: normalizeEmail(trimmed) }
    : { kind: "phone", value: normalizePhone(trimmed) };
}
