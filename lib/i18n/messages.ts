import type { Locale } from "./config";

/**
 * Messages are split by module so that modules can be worked on side by side:
 * messages/<locale>.json holds the shared namespaces (app, auth, validation, errors, roles,
 * nav, …) and messages/<module>/<locale>.json holds one namespace named after the module.
 * Add a module's folder name here; a unit test checks that both languages have the same keys.
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

export async function loadMessages(locale: Locale): Promise<Messages> {
  const core = (await import(`../../messages/${locale}.json`)).default as Messages;
  const modules = await Promise.all(
    MODULE_NAMESPACES.map(async (ns) => [ns, (await import(`../../messages/${ns}/${locale}.json`)).default] as const),
  );
  return { ...core, ...Object.fromEntries(modules) };
}
