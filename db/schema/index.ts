export * from "./tenancy";
export * from "./registry";
export * from "./billing";
export * from "./tickets";
export * from "./notifications";
export * from "./hr";
export * from "./contracts";
export * from "./crm";
