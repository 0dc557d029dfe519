import "server-only";
import { env } from "@/lib/env";
import { sandboxProvider, sandboxSecret } from "./sandbox";

/** The sandbox provider with the configured secret (PAYMENT_SANDBOX_SECRET, else derived from NEXTAUTH_SECRET). */
export function getSandboxProvider() {
  return sandboxProvider(sandboxSecret(env));
}
