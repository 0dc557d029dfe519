/**
 * The CRM-EW engine (SPEC §8): pure functions only — facts in, ledger entries / notices /
 * work orders out — each reading the company's rules (lib/crm/config.ts `CrmRules`), never
 * constants. The jobs and commands in lib/crm/*.ts feed them facts and write what they decide.
 */
export * from "./arrears";
export * from "./complaints";
export * from "./gold";
export * from "./recovery";
export * from "./visits";
export * from "./whatif";
