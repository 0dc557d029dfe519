/**
 * Pure rules of the property registry (SPEC §1): unit addresses, areas, household codes.
 * No I/O here.
 */

/** Household codes avoid look-alikes: no 0/O, 1/I/L. 31 symbols, 8 long ≈ 8.5 × 10¹¹ codes. */
export const HOUSEHOLD_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const HOUSEHOLD_CODE_LENGTH = 8;

/** Turns random bytes into a household code (one byte per symbol, rejection-sampled: no bias). */
export function householdCodeFromBytes(nextBytes: (n: number) => Uint8Array): string {
  const limit = 256 - (256 % HOUSEHOLD_CODE_ALPHABET.length);
  let code = "";
  while (code.length < HOUSEHOLD_CODE_LENGTH) {
    for (const b of nextBytes(HOUSEHOLD_CODE_LENGTH)) {
      if (b < limit && code.length < HOUSEHOLD_CODE_LENGTH)
        code += HOUSEHOLD_CODE_ALPHABET[b % HOUSEHOLD_CODE_ALPHABET.length];
    }
  }
  return code;
}

/** Normalises what a resident types: upper case, without spaces or dashes. */
export function normalizeHouseholdCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, "");
}

export function isHouseholdCode(code: string): boolean {
  return code.length === HOUSEHOLD_CODE_LENGTH && [...code].every((c) => HOUSEHOLD_CODE_ALPHABET.includes(c));
}

/** Largest plausible unit area; anything above is a typo (SPEC issue #3: > 10,000 m² is absurd). */
export const MAX_AREA_CENTI_M2 = 10_000 * 100;

/**
 * Parses an area typed in m² ("89.35", "120", "1,234.5") into integer hundredths of m²,
 * without floating point. Returns null for anything that is not a plain decimal with at
 * most two decimals.
 */
export function parseAreaToCenti(raw: string): number | null {
  const text = raw
    .trim()
    .replace(/,/g, "")
    .replace(/\s*(m²|m2|㎡|平方米|平米)$/i, "");
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

export type AreaProblem = "format" | "notPositive" | "tooLarge";

export function checkArea(centi: number | null): AreaProblem | null {
  if (centi === null) return "format";
  if (centi <= 0) return "notPositive";
  if (centi > MAX_AREA_CENTI_M2) return "tooLarge";
  return null;
}

/** The address residents and staff use: building code + unit number, e.g. "3" + "2-1201" → "3-2-1201". */
export function unitAddress(buildingCode: string, unitNumber: string): string {
  return `${buildingCode}-${unitNumber}`;
}

/**
 * Splits a typed address into building code and unit number: "3-2-1201" → { building: "3", unit: "2-1201" }.
 * Also accepts Chinese forms: "3栋2单元1201" / "3号楼2-1201". Returns null when it does not look like one.
 */
export function parseUnitAddress(raw: string): { building: string; unit: string } | null {
  const text = raw
    .trim()
    .replace(/\s+/g, "")
    .replace(/(号楼|栋|幢|座)/, "-")
    .replace(/单元/, "-")
    .replace(/室$/, "")
    .replace(/-+/g, "-");
  const match = /^([A-Za-z0-9]+)-([A-Za-z0-9][A-Za-z0-9-]*)$/.exec(text);
  if (!match) return null;
  return { building: match[1].toUpperCase(), unit: match[2].toUpperCase() };
}

/** One butler serves about 500 households (SPEC §0). */
export const BUTLER_NORM = 500;

/** How a butler's load compares with the norm: under 60 % is light, over 110 % is heavy. */
export function butlerLoadLevel(households: number, norm = BUTLER_NORM): "low" | "normal" | "high" {
  if (households > norm * 1.1) return "high";
  if (households < norm * 0.6) return "low";
  return "normal";
}

/** True for the household_units trigger's refusal (two holders of one unit on one day, or an empty period). */
export function isPeriodOverlap(error: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e && typeof e === "object" && !seen.has(e)) {
    seen.add(e);
    if (String((e as { message?: unknown }).message ?? "").includes("household_units: period overlaps")) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
