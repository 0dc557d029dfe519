import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/*
 * Secrets at rest (merchant keys, API keys): AES-256-GCM under GUANJIA_SECRETS_KEY (32 bytes,
 * base64). A sealed value is "v1:<iv b64>:<tag b64>:<ciphertext b64>"; the additional data binds
 * it to its owner (e.g. "company:7:wechatpay"), so a ciphertext copied to another row does not open.
 */

export class SecretsKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretsKeyError";
  }
}

/** The 32-byte key from its base64 text; a clear error when it is missing or malformed. */
export function parseSecretsKey(base64: string | undefined): Buffer {
  if (!base64)
    throw new SecretsKeyError("GUANJIA_SECRETS_KEY is not set (32 bytes, base64: `openssl rand -base64 32`)");
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32) throw new SecretsKeyError("GUANJIA_SECRETS_KEY must be 32 bytes, base64-encoded");
  return key;
}

export function sealSecret(key: Buffer, plaintext: string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), body.toString("base64")].join(":");
}

/** The plaintext; throws when the key, the additional data or the ciphertext is wrong. */
export function openSecret(key: Buffer, sealed: string, aad: string): string {
  const [version, iv, tag, body] = sealed.split(":");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
}

/** What may be shown of a secret once stored: its last 4 characters (of a PEM key: of its base64 body). */
export function secretHint(plaintext: string): string {
  return plaintext
    .replace(/-----(BEGIN|END) [A-Z ]+-----/g, "")
    .replace(/\s+/g, "")
    .slice(-4);
}
