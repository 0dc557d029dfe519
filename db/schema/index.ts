export * from "./tenancy";
export * from "./registry";
export * from "./billing";
