import { randomBytes } from "node:crypto";
import { householdCodeFromBytes } from "./rules";

/** A fresh, unguessable household code from the system's CSPRNG. Uniqueness is enforced by the database. */
export function newHouseholdCode(): string {
  return householdCodeFromBytes((n) => randomBytes(n));
}
