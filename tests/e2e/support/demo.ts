import { fileURLToPath } from "node:url";
import { DEMO_LOGINS, type DemoLogin } from "../../../scripts/seed/demo-logins";

export { DEMO_LOGINS, type DemoLogin };

type DemoRole = (typeof DEMO_LOGINS)[number]["role"];

/** Where the setup project saves each demo role's signed-in browser state. */
export function authFile(role: DemoRole): string {
  return fileURLToPath(new URL(`../.auth/${role}.json`, import.meta.url));
}

export function demo(role: DemoRole): DemoLogin {
  const login = DEMO_LOGINS.find((l) => l.role === role);
  if (!login) throw new Error(`no demo login for ${role}`);
  return login;
}
