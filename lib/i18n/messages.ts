import type { Locale } from "./config";

/**
 * Messages are split by module so that modules can be worked on side by side:
 * messages/<locale>.json holds the shared namespaces (app, auth, validation, errors, roles,
 * nav, …) and messages/<module>/<locale>.json holds one namespace named after the module.
 * Add a module's folder name here and in both bundles (lib/i18n/bundles); a unit test checks that
 * both languages have the same keys and that each bundle holds exactly these files.
 */
export const MODULE_NAMESPACES = [
  "registry",
  "residents",
  "import",
  "billing",
  "tickets",
  "hr",
  "crm",
  "arrears",
  "visits",
  "approvals",
  "finance",
  "portal",
  "privacy",
  "workbench",
  "messaging",
  "field",
  "visitors",
] as const;

export type Messages = Record<string, unknown>;

/**
 * One locale's messages, from its bundle (lib/i18n/bundles/<locale>.ts: the same files, imported
 * statically so that the browser can load them as a cached script — components/i18n).
 */
export async function loadMessages(locale: Locale): Promise<Messages> {
  return locale === "en" ? (await import("./bundles/en")).default : (await import("./bundles/zh-CN")).default;
}
