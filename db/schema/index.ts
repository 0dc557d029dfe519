export * from "./tenancy";
export * from "./registry";
export * from "./tickets";
export * from "./notifications";
