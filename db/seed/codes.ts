import type { Rng } from "./random";

/** Household codes avoid look-alikes: no 0/O, 1/I/L. 31 symbols, 8 long ≈ 8.5 × 10¹¹ codes. */
export const HOUSEHOLD_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const HOUSEHOLD_CODE_LENGTH = 8;
const SYMBOLS = [...HOUSEHOLD_CODE_ALPHABET];

/**
 * A household code drawn from the seed's deterministic generator (demo data only; real
 * households get codes from node:crypto). Never returns a code in `taken`, and adds the new one.
 */
export function seededHouseholdCode(rng: Rng, taken: Set<string>): string {
  for (;;) {
    let code = "";
    for (let i = 0; i < HOUSEHOLD_CODE_LENGTH; i++) code += rng.pick(SYMBOLS);
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}
