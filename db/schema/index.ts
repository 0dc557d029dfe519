export * from "./tenancy";
export * from "./registry";
