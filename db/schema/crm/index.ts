// CRM-EW's tables (SPEC §8): the sentiment ledger and rules, the arrears ladder, visits and surveys, disputes.
export * from "./sentiment";
export * from "./arrears";
export * from "./visits";
export * from "./disputes";
