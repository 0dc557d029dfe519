import type { Rng } from "./random";

import { HOUSEHOLD_CODE_ALPHABET, HOUSEHOLD_CODE_LENGTH } from "../../lib/registry/rules";

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
