import { env } from "@/lib/env";
import { parseSecretsKey } from "./secrets";

/** The secrets key from GUANJIA_SECRETS_KEY; throws SecretsKeyError (a clear message) when missing or malformed. */
export function secretsKey(): Buffer {
  return parseSecretsKey(env.GUANJIA_SECRETS_KEY);
}
